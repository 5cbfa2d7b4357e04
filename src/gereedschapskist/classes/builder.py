"""Turn the rows of any reader into the model: classes, pupils, namesakes and families.

A reader (`readers/`) yields plain rows by column role with their position; this module
knows what the rows mean. It checks every row (a name, a class, a year group), merges
two spellings of one class, merges rows that are the same pupil (an export repeats a
pupil once per parent) and combines their parent data, keeps namesakes apart, and groups
pupils into families across the whole school (Gezin column, shared parent e-mail, shared
address, or - a guess - postcode and surname).

Messages name a file, a line and a class, never a pupil, a parent or an address.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..slug import strip_accents
from ..wording import aantal
from .csvlist import ClassListError
from .model import (
    Address,
    ClassList,
    ClassListWarning,
    Family,
    Household,
    Parent,
    Pupil,
    SchoolClass,
    class_key,
    class_label,
    natural_key,
    parse_year_groups,
    unique_slugs,
)
from .readers.csv import ACCEPTED_NAME_COLUMNS, join, line_list, line_word, number_list
from .rows import Position, SourceRow, SourceTable

# A parent entry: the parent (None when the export has only an address) and their address.
_Entry = tuple[Parent | None, Address | None]


@dataclass
class _Row:
    position: Position
    name: tuple[str, str, str]  # roepnaam, tussenvoegsel, achternaam
    groep: str
    leerjaar: frozenset[int]
    leerjaar_text: str
    leerkracht: str
    leerlingnummer: str
    geboortedatum: date | None
    geboorte_text: str
    entries: list[_Entry]
    gezin: str
    taal: str
    identity: tuple[tuple[str, str], ...]  # every value of the row, to tell identical rows
    dated: bool = False  # the group was a date that Excel made of "1/2" ("1-feb")

    @property
    def line(self) -> int:
        return self.position.row

    @property
    def kenmerk(self) -> tuple[str, str]:
        """What tells two pupils with the same name apart: pupil number and birth date."""
        born = self.geboortedatum.isoformat() if self.geboortedatum else self.geboorte_text
        return (self.leerlingnummer, born)


@dataclass
class _Draft:
    """One pupil before the school-wide steps (keys, families) are done."""

    rows: list[_Row]
    entries: list[_Entry] = field(default_factory=list)
    sleutel: str = ""
    gezin: str = ""

    @property
    def first(self) -> _Row:
        return self.rows[0]

    @property
    def pupil(self) -> Pupil:
        roepnaam, tussenvoegsel, achternaam = self.first.name
        return Pupil(roepnaam, tussenvoegsel, achternaam)

    def value(self, attribute: str) -> str:
        return next((getattr(row, attribute) for row in self.rows if getattr(row, attribute)), "")


def build_class_list(table: SourceTable) -> ClassList:
    """The classes, pupils and families in `table`; raises `ClassListError` for what the school must fix.

    What the builder fixed by itself (repeated rows, two spellings of one class, a guessed
    family) comes back as `ClassList.warnings`, sorted by line.
    """
    path = table.path
    _check_columns(table)
    if not table.rows:
        raise ClassListError(
            "De klassenlijst heeft wel een kopregel maar geen leerlingen; exporteer de lijst opnieuw.",
            path=path,
            line=table.header.row if table.header else None,
        )
    rows = [_parse_row(row, table) for row in table.rows]
    has_kenmerk = bool({"leerlingnummer", "geboortedatum"} & table.roles)
    workbook = table.workbook

    warnings: list[ClassListWarning] = [_note_warning(table, note) for note in table.notes]
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(class_key(row.groep), []).append(row)

    merged: list[tuple[int, int]] = []  # (line of the repeat, line it repeats)
    unsure: list[list[int]] = []  # lines of rows with one name and class that kmg cannot tell apart
    drafts: list[tuple[str, frozenset[int], str, list[_Draft]]] = []
    for class_rows in groups.values():
        naam = class_rows[0].groep
        spellings: dict[str, int] = {}
        for row in class_rows:
            spellings.setdefault(row.groep, row.line)
        if len(spellings) > 1:
            warnings.append(_spellings_warning(path, spellings, workbook))
        # A Leerjaar column says per pupil what the class name can only suggest
        # ("De Egels", or "4/5" that this year only has pupils of groep 5). A class
        # with neither ("Taalklas", "Groep 0") is kept: an agenda may name it.
        # When a Leerjaar cell says "0" or "-", the class has no year group, whatever
        # digits its name holds ("NT2", "Nieuwkomers 1"); only blank cells leave it to the name.
        # A blank cell among filled ones is a pupil of the year groups the name gives ("1/2": 1 or 2).
        # A Leerjaar outside the name's year groups ("3" in "1/2") is a slip or a pupil in the
        # wrong class: the class stays what its name says, and the school hears about that row.
        # Only when no pupil fits the name ("Stamgroep 3" with groep 4 to 6) the column decides.
        named = parse_year_groups(naam)
        stray = [row for row in class_rows if named and row.leerjaar and not row.leerjaar <= named]
        if len(stray) == sum(1 for row in class_rows if row.leerjaar or not row.leerjaar_text):
            stray = []
        given = [row for row in class_rows if row.leerjaar_text and row not in stray]
        jaargroepen = frozenset().union(*(row.leerjaar for row in given)) if given else named
        if (given and len(given) < len(class_rows) and jaargroepen) or stray:
            jaargroepen |= named
        if stray:
            warnings.append(_stray_year_group_warning(path, naam, named, stray, workbook))
        if given and not jaargroepen and (odd := [row for row in given if row.leerjaar_text != "0"]):
            warnings.append(_no_year_group_warning(path, naam, odd[0]))
        teachers: list[str] = []
        for row in class_rows:
            if row.leerkracht and row.leerkracht.casefold() not in {t.casefold() for t in teachers}:
                teachers.append(row.leerkracht)
        pupils = _pupils_of(class_rows, merged, unsure)
        drafts.append((naam, jaargroepen, join(teachers), pupils))
    if merged:
        warnings.append(_merged_warning(path, sorted(merged), has_kenmerk, workbook))
    if unsure:
        warnings.append(_unsure_warning(path, sorted(unsure), workbook))
    if dated := [row.line for row in rows if row.dated]:
        warnings.append(
            ClassListWarning(
                path,
                dated[0],
                f"In de kolom van de groep staat op {line_list(dated, workbook=workbook)} een datum (zoals 1-feb): "
                "Excel maakt van 1/2 of 4/5 een datum. kmg leest 1-feb als groep 1/2; controleer de groepen met "
                "'kmg klassen', of geef de kolom in Excel de opmaak Tekst en typ de groepen opnieuw.",
            )
        )
    if twice := _in_two_groups(drafts):
        warnings.append(_two_groups_warning(path, twice, workbook))
    if unreadable := sorted(row.line for row in rows if row.geboorte_text and row.geboortedatum is None):
        warnings.append(_birth_date_warning(path, unreadable, workbook))

    # Classes without a year group come last.
    drafts.sort(key=lambda draft: (min(draft[1], default=9), natural_key(draft[0]), draft[0]))
    school = [pupil for *_, pupils in drafts for pupil in pupils]  # school order: class, then name
    _assign_keys(drafts)
    families, family_warnings = _families(school, table)
    warnings.extend(family_warnings)

    slugs = unique_slugs([draft[0] for draft in drafts])
    classes = tuple(
        SchoolClass(
            naam=naam,
            slug=slug,
            jaargroepen=jaargroepen,
            leerkracht=leerkracht,
            leerlingen=tuple(_pupil(draft, jaargroepen) for draft in pupils),
        )
        for (naam, jaargroepen, leerkracht, pupils), slug in zip(drafts, slugs, strict=True)
    )
    return ClassList(classes, tuple(sorted(warnings, key=lambda w: w.line)), families)


# --- columns and rows ------------------------------------------------------------------


def _check_columns(table: SourceTable) -> None:
    line = table.header.row if table.header else None
    if not {"roepnaam", "achternaam", "naam"} & table.roles:
        raise ClassListError(
            "Geen kopregel met een kolom voor de naam gevonden; zet bovenaan een regel met de kolommen "
            f"{ACCEPTED_NAME_COLUMNS}.",
            path=table.path,
            line=line,
        )
    if "groep" not in table.roles:
        raise ClassListError(
            "De kopregel heeft geen kolom voor de groep; voeg een kolom Groep (of Klas of Groepsnaam) toe.",
            path=table.path,
            line=line,
        )
    if "achternaam" in table.roles and "roepnaam" not in table.roles:
        # "First name;Achternaam" would give forms with only surnames.
        raise ClassListError(
            "De kopregel heeft een kolom Achternaam maar geen kolom voor de voornaam; noem die kolom "
            f"Roepnaam of Voornaam (kmg leest {ACCEPTED_NAME_COLUMNS}).",
            path=table.path,
            line=line,
        )


def _row_error(message: str, position: Position) -> ClassListError:
    if position.sheet is not None:
        message += f" (Blad '{position.sheet}'.)"
    return ClassListError(message, path=position.path, line=position.row)


_FORMULA_CELL = {"roepnaam": "de voornaam", "achternaam": "de achternaam", "naam": "de naam", "groep": "de groep"}


def _refuse_formula(source: SourceRow, roles: tuple[str, ...]) -> None:
    """An empty name or group cell that holds a formula without a value: say why it is empty."""
    role = next((role for role in roles if role in source.formulas), None)
    if role is None:
        return
    raise _row_error(
        f"De cel van {_FORMULA_CELL[role]} op deze rij is een formule zonder opgeslagen waarde (het programma dat "
        "de werkmap maakte, heeft hem niet uitgerekend). Open de werkmap in Excel en sla hem opnieuw op, of kopieer "
        "de kolom en plak hem als waarden; geef dan die werkmap op.",
        source.position,
    )


# Leerjaar values that say "no year group": "0", "00", "Groep 0", "-", "n.v.t.", "geen".
_NO_YEAR_GROUP = re.compile(
    r"[\s.\-‐‑‒–—/_x]*|(?:(?:jaar)?groep\s*|gr\.?\s*)?0+|n\.?\s*v\.?\s*t\.?|n\.?\s*b\.?|geen|nee"
)


# What an export writes in a parent or family cell when there is nothing to say: "-", "0",
# "0000", "n.v.t.", "geen", "onbekend", "?". Such a cell is empty: otherwise every pupil
# with Gezin "0" or e-mail "-" would be one family.
_NOTHING = re.compile(
    r"[\s.\-‐‑‒–—/_?*0]*|x|n\.?\s*v\.?\s*t\.?|n\.?\s*b\.?|geen|nee|onbekend|leeg|none|null|nil"
)


# The local part of a dummy address that a system demanding an e-mail got for a parent without one.
_NO_MAILBOX = re.compile(r"geen|onbekend|nvt|n\.v\.t\.?|no-?reply|do-?not-?reply|niet|leeg|dummy|test|x+|-+|0+")


_EMAIL = re.compile(r"[^\s,;/<>()\[\]\"']+@[^\s,;/<>()\[\]\"']+")


def _something(text: str) -> str:
    """The cell's text, or "" when it only says that there is nothing."""
    return "" if _NOTHING.fullmatch(strip_accents(text).casefold()) else text


def _mailbox(text: str) -> str:
    """An e-mail address, or "" for a dummy one ("geen@geen.nl") that many unrelated parents share."""
    local = strip_accents(text).casefold().strip().partition("@")[0]
    return "" if _NO_MAILBOX.fullmatch(local) else _something(text)


# "1-feb": what a Dutch Excel shows (and saves as CSV) after someone typed the group 1/2.
_MONTHS = {"jan": 1, "feb": 2, "mrt": 3, "maa": 3, "mar": 3, "apr": 4, "mei": 5, "may": 5, "jun": 6, "jul": 7, "aug": 8}
_EXCEL_DATE = re.compile(r"0?([1-8])[-\s]?(jan|feb|mrt|maart?|mar|apr|mei|may|jun|jul|aug)[a-z]*\.?")
_DECIMAL_ZERO = re.compile(r"^(\d+)[.,]0+$")


def _parse_row(source: SourceRow, table: SourceTable) -> _Row:
    def get(role: str) -> str:
        text = source.get(role)
        if role.endswith("_email"):
            return _mailbox(text)
        return _something(text) if role.startswith("ouder") or role in ("gezin", "taal") else text

    if {"roepnaam", "achternaam"} & table.roles:
        name = (get("roepnaam"), get("tussenvoegsel"), get("achternaam"))
    else:
        name = (get("naam"), "", "")
    word = line_word(1, workbook=source.position.sheet is not None)
    if not (name[0] or name[2]):
        _refuse_formula(source, ("roepnaam", "achternaam", "naam"))
        raise _row_error(
            f"Op deze {word} staat een leerling zonder naam; vul de naam in of verwijder de {word}.", source.position
        )
    groep = get("groep")
    dated = False
    if shown := _EXCEL_DATE.fullmatch(groep.casefold()):
        day, month = int(shown.group(1)), _MONTHS[shown.group(2)[:3]]
        if day != month and day <= 8:
            groep, dated = f"{min(day, month)}/{max(day, month)}", True
    if not groep:
        _refuse_formula(source, ("groep",))
        raise _row_error(
            f"Op deze {word} staat een leerling zonder groep; vul de groep in of verwijder de {word}.", source.position
        )
    # "5.0" from a tool that writes every number as a decimal is groep 5 (not 5 and 0).
    leerjaar_text = _DECIMAL_ZERO.sub(r"\1", get("leerjaar"))
    leerjaar = parse_year_groups(leerjaar_text)
    # "0" is groep 0 (a pre-school group), and "-" or "n.v.t." say the same: a class
    # without year group, like "Taalklas".
    if leerjaar_text and not leerjaar and not _NO_YEAR_GROUP.fullmatch(strip_accents(leerjaar_text).casefold()):
        raise _row_error(
            f'Het leerjaar "{leerjaar_text}" op deze {word} is geen jaargroep 1 tot en met 8; '
            "vul een getal van 1 tot en met 8 in.",
            source.position,
        )
    geboorte_text = get("geboortedatum")
    entries: list[_Entry] = []
    for number in (1, 2):
        naam = get(f"ouder{number}_naam") or " ".join(
            filter(None, (get(f"ouder{number}_{part}") for part in ("voornaam", "tussenvoegsel", "achternaam")))
        )
        parent = Parent(naam, get(f"ouder{number}_email"), get(f"ouder{number}_telefoon"))
        huisnummer = " ".join(filter(None, (get(f"ouder{number}_huisnummer"), get(f"ouder{number}_toevoeging"))))
        address = Address(
            get(f"ouder{number}_straat"),
            huisnummer,
            get(f"ouder{number}_postcode"),
            get(f"ouder{number}_woonplaats"),
        )
        known = parent if parent != Parent() else None
        # A town alone, without a parent, is no address: exports fill "Woonplaats ouder/verzorger 2"
        # for every pupil, also without a parent 2.
        where = address.straat or address.huisnummer or address.postcode or (known and address.woonplaats)
        _add_entry(entries, known, address if where else None)
    return _Row(
        position=source.position,
        name=name,
        groep=groep,
        leerjaar=leerjaar,
        leerjaar_text=leerjaar_text,
        leerkracht=get("leerkracht"),
        leerlingnummer=get("leerlingnummer"),
        geboortedatum=parse_date(geboorte_text),
        geboorte_text=geboorte_text,
        entries=entries,
        gezin=get("gezin"),
        taal=get("taal"),
        identity=tuple(sorted((role, text) for role, text in source.values.items() if text)),
        dated=dated,
    )


_DMY = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})")
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def parse_date(text: str) -> date | None:
    """A birth date as exports write it: "2016-03-14" (ISO, also from a workbook), "14-03-2016", "14/3/2016".

    A two-digit year ("14-3-16", Excel's short date) is this century unless that lies in the future.
    """
    text = text.strip()
    if match := _YMD.fullmatch(text):
        year, month, day = match.groups()
    elif match := _DMY.fullmatch(text):
        day, month, year = match.groups()
    else:
        return None
    number = int(year)
    if len(year) == 2:
        number += 2000 if number <= date.today().year % 100 else 1900
    try:
        return date(number, int(month), int(day))
    except ValueError:
        return None


# --- parents and households ---------------------------------------------------------


def _same_parent(a: Parent, b: Parent) -> bool:
    if a.email and b.email:
        return a.email.casefold() == b.email.casefold()
    if a.naam and b.naam:
        return a.naam.casefold() == b.naam.casefold()
    return a == b


def _same_address(a: Address, b: Address) -> bool:
    if (a.postcode or a.huisnummer) and (b.postcode or b.huisnummer):
        return a.key == b.key
    return str(a).casefold() == str(b).casefold()


def _two_people(a: Parent, a_address: Address | None, b: Parent, b_address: Address | None) -> bool:
    """Separated parents who share one family mailbox: other names at other addresses."""
    return bool(
        a.naam
        and b.naam
        and a.naam.casefold() != b.naam.casefold()
        and a_address is not None
        and b_address is not None
        and not _same_address(a_address, b_address)
    )


def _add_entry(entries: list[_Entry], parent: Parent | None, address: Address | None) -> None:
    """Add a parent (and their address) unless it is one already there; fill in what was missing."""
    if parent is None and address is None:
        return
    for index, (known, known_address) in enumerate(entries):
        if parent is not None and known is not None and _same_parent(known, parent):
            if _two_people(known, known_address, parent, address):
                continue
            combined = Parent(known.naam or parent.naam, known.email or parent.email, known.telefoon or parent.telefoon)
            entries[index] = (combined, known_address or address)
            return
        if address is not None and known_address is not None and _same_address(known_address, address):
            if parent is None:
                return
            if known is None:  # an address without a parent: this parent lives there
                entries[index] = (parent, known_address)
                return
    entries.append((parent, address))


def _households(entries: list[_Entry], taal: str) -> tuple[tuple[Household, ...], int]:
    """Households from parent entries in order (parent 1 first), and how many addresses did not fit."""
    homes: list[tuple[list[Parent], list[Address | None]]] = []
    left_out = 0
    for parent, address in entries:
        target = None
        for ouders, where in homes:
            if address is None or where[0] is None:
                # A parent without an address lives with parent 1 (and the other way round).
                where[0] = where[0] or address
                target = ouders
                break
            if _same_address(where[0], address):
                target = ouders
                break
        if target is None:
            if len(homes) >= 2:
                left_out += 1
                continue
            homes.append(([], [address]))
            target = homes[-1][0]
        if parent is not None:
            target.append(parent)
    households = tuple(
        Household(nummer=number, ouders=tuple(ouders), adres=where[0], taal=taal)
        for number, (ouders, where) in enumerate(homes, start=1)
    )
    return households, left_out


# --- pupils and namesakes -------------------------------------------------------------


def _pupils_of(class_rows: list[_Row], merged: list[tuple[int, int]], unsure: list[list[int]]) -> list[_Draft]:
    """The pupils of one class: repeats merged, namesakes kept apart, sorted by name.

    Rows with the same name and the same pupil number or birth date are one pupil (an
    export with a row per parent); their parent data is combined. Without a number or
    date, only identical rows are merged: rows that differ (other parents) may be one
    child or two, so both are kept and the school is told.
    """
    by_name: dict[tuple[str, str, str], dict[tuple[str, str], list[_Row]]] = {}
    for row in class_rows:
        by_name.setdefault(row.name, {}).setdefault(row.kenmerk, []).append(row)
    pupils: list[_Draft] = []
    for kenmerken in by_name.values():
        parts: list[list[_Row]] = []
        for kenmerk, rows in kenmerken.items():
            if any(kenmerk):
                parts.append(rows)
                continue
            identical: dict[tuple, list[_Row]] = {}
            for row in rows:
                identical.setdefault(row.identity, []).append(row)
            parts.extend(identical.values())
        # Rows without a number or date that differ, or one without next to one with: one child or two?
        if len(parts) > 1 and any(not any(part[0].kenmerk) for part in parts):
            unsure.append(sorted(part[0].line for part in parts))
        for part in parts:
            merged.extend((row.line, part[0].line) for row in part[1:])
            draft = _Draft(part)
            for row in part:
                for parent, address in row.entries:
                    _add_entry(draft.entries, parent, address)
            pupils.append(draft)
    # Namesakes keep the order of the export (the sort is stable).
    pupils.sort(key=lambda draft: draft.pupil.sort_key)
    return pupils


def _in_two_groups(drafts: list[tuple[str, frozenset[int], str, list[_Draft]]]) -> list[list[int]]:
    """First lines of the pupils that stand in more than one group: same pupil number, or same name and birth date."""
    seen: dict[tuple[str, ...], list[int]] = {}
    for _, _, _, pupils in drafts:
        for draft in pupils:
            row = draft.first
            if row.leerlingnummer:
                key: tuple[str, ...] = ("ll", row.leerlingnummer.casefold())
            elif row.geboortedatum is not None:
                key = ("nb", *(part.casefold() for part in row.name), row.geboortedatum.isoformat())
            else:
                continue
            seen.setdefault(key, []).append(row.line)
    return sorted(sorted(lines) for lines in seen.values() if len(lines) > 1)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def _assign_keys(drafts: list[tuple[str, frozenset[int], str, list[_Draft]]]) -> None:
    """Give every pupil a `sleutel`: unique, stable when other rows change, never printed."""
    taken: set[str] = set()
    for naam, _, _, pupils in drafts:
        for draft in pupils:
            row = draft.first
            if row.leerlingnummer:
                # "001001" in a CSV is 1001 in a workbook: one pupil, one key, whatever the format
                number = row.leerlingnummer.casefold()
                base = "ll:" + (number.lstrip("0") or "0" if number.isdigit() else number)
            else:
                name = " ".join(part.casefold() for part in row.name)
                base = "nm:" + _digest(name, class_key(naam), row.kenmerk[1])
            key, counter = base, 2
            while key in taken:  # true twins, or a namesake kmg could not tell apart
                key, counter = f"{base}#{counter}", counter + 1
            taken.add(key)
            draft.sleutel = key


def _pupil(draft: _Draft, jaargroepen: frozenset[int]) -> Pupil:
    roepnaam, tussenvoegsel, achternaam = draft.first.name
    return Pupil(
        roepnaam,
        tussenvoegsel,
        achternaam,
        sleutel=draft.sleutel,
        geboortedatum=draft.first.geboortedatum,
        gezin=draft.gezin,
        jaargroep=_own_year_group(draft, jaargroepen),
    )


def _own_year_group(draft: _Draft, jaargroepen: frozenset[int]) -> int | None:
    """The pupil's own year group in a class of several ("1/2"), when its Leerjaar cell names one of them."""
    if len(jaargroepen) < 2:
        return None
    given = next((row.leerjaar for row in draft.rows if row.leerjaar_text), frozenset())
    return next(iter(given)) if len(given) == 1 and given <= jaargroepen else None


# --- families ---------------------------------------------------------------------------


class _Sets:
    """Union-find over pupils in school order; the root of a set is its first pupil."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))
        self.has: list[set[str]] = [set() for _ in range(size)]  # levels with data, per root
        self.guessed = [False] * size

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int, level: str, higher: Iterable[str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        # A higher rule had data on both sides and did not join them: they are two families.
        if any(h in self.has[ra] and h in self.has[rb] for h in higher):
            return
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        self.has[root] |= self.has[child]
        self.guessed[root] = self.guessed[root] or self.guessed[child] or level == "gok"


_LEVELS = ("gezin", "email", "adres", "gok")


def _family_keys(draft: _Draft) -> dict[str, set[str]]:
    keys: dict[str, set[str]] = {level: set() for level in _LEVELS}
    if gezin := draft.value("gezin"):
        keys["gezin"].add(" ".join(gezin.casefold().split()))
    surname = "".join(f"{draft.first.name[1]}{draft.first.name[2]}".casefold().split())
    for parent, address in draft.entries:
        if parent is not None:
            # A hand-made list may hold two addresses in one cell ("a@x.nl, b@y.nl"): each is a key.
            keys["email"].update(found.casefold() for found in _EMAIL.findall(parent.email) if _mailbox(found))
        if address is None or not address.postcode:
            continue
        if address.huisnummer:
            keys["adres"].add(address.key)
        if surname:
            keys["gok"].add("".join(address.postcode.split()).casefold() + "|" + surname)
    return keys


def _families(school: list[_Draft], table: SourceTable) -> tuple[tuple[Family, ...], list[ClassListWarning]]:
    """Group pupils into families: Gezin value, else a shared e-mail, else an address, else a guess."""
    sets = _Sets(len(school))
    keys = [_family_keys(draft) for draft in school]
    for index, pupil_keys in enumerate(keys):
        sets.has[index] = {level for level, found in pupil_keys.items() if found and level != "gok"}
    for depth, level in enumerate(_LEVELS):
        members: dict[str, list[int]] = {}
        for index, pupil_keys in enumerate(keys):
            for key in sorted(pupil_keys[level]):
                members.setdefault(key, []).append(index)
        for indices in members.values():
            for other in indices[1:]:
                sets.union(indices[0], other, level, _LEVELS[:depth])

    by_root: dict[int, list[int]] = {}
    for index in range(len(school)):
        by_root.setdefault(sets.find(index), []).append(index)
    workbook = table.workbook
    families: list[Family] = []
    guessed: list[int] = []  # first line of each guessed family
    split: list[int] = []  # every line of the families with more than two addresses
    split_families = 0
    moved: list[int] = []  # every line of the families with one parent at two addresses
    moved_families = 0
    for number, (root, indices) in enumerate(sorted(by_root.items()), start=1):
        members = [school[index] for index in indices]
        family_id = f"G{number:03d}"
        entries: list[_Entry] = []
        family_moved = False
        for draft in members:
            draft.gezin = family_id
            for row in draft.rows:
                for parent, address in row.entries:
                    family_moved = family_moved or _moved(entries, parent, address)
                    _add_entry(entries, parent, address)
        if family_moved:
            moved_families += 1
            moved.extend(row.line for draft in members for row in draft.rows)
        taal = next((draft.value("taal") for draft in members if draft.value("taal")), "")
        households, left_out = _households(entries, taal)
        if left_out:
            split_families += 1
            split.extend(row.line for draft in members for row in draft.rows)
        gezin = next((draft.value("gezin") for draft in members if draft.value("gezin")), "")
        geraden = sets.guessed[root] and len(members) > 1
        if geraden:
            guessed.append(min(row.line for draft in members for row in draft.rows))
        families.append(
            Family(
                id=family_id,
                sleutel="gz:" + gezin if gezin else min(draft.sleutel for draft in members),
                leerlingen=tuple(draft.sleutel for draft in members),
                huishoudens=households,
                geraden=geraden,
            )
        )
    warnings = []
    if guessed:
        warnings.append(_guessed_warning(table, sorted(guessed)))
    if split:
        lines = sorted(set(split))
        count = split_families
        warnings.append(
            ClassListWarning(
                table.path,
                lines[0],
                f"Bij {aantal(count, 'gezin', 'gezinnen')} ({line_list(lines, workbook=workbook)}) staan de ouders "
                "op meer dan twee adressen; kmg gebruikt de eerste twee. Controleer "
                f"{'dat gezin' if count == 1 else 'die gezinnen'} met 'kmg klassen'.",
            )
        )
    if moved:
        lines = sorted(set(moved))
        warnings.append(
            ClassListWarning(
                table.path,
                lines[0],
                f"Bij {aantal(moved_families, 'gezin', 'gezinnen')} ({line_list(lines, workbook=workbook)}) "
                f"staat dezelfde ouder op verschillende {line_word(2, workbook=workbook)} met een ander adres; kmg "
                "gebruikt het eerste. Is een ouder verhuisd, maak het "
                "adres dan overal gelijk in het leerlingvolgsysteem.",
            )
        )
    return tuple(families), warnings


def _moved(entries: list[_Entry], parent: Parent | None, address: Address | None) -> bool:
    """Whether `parent` is already known in `entries` at another address (a move not made everywhere)."""
    if parent is None or address is None:
        return False
    for known, known_address in entries:
        if known is None or known_address is None or not _same_parent(known, parent):
            continue
        if _two_people(known, known_address, parent, address):
            continue
        # Only two full addresses can disagree: one without a house number is the same one, less written.
        full = all(where.postcode and where.huisnummer for where in (known_address, address))
        return bool(full) and known_address.key != address.key
    return False


# --- warnings ----------------------------------------------------------------------------


def _note_warning(table: SourceTable, note) -> ClassListWarning:  # noqa: ANN001 - rows.SourceNote
    line = note.position.row if note.position else (table.header.row if table.header else 1)
    return ClassListWarning(table.path, line, note.message)


_MERGED_SHOWN = 10  # a list with a row per parent repeats every pupil; show the first few


def _merged_warning(path: Path, merged: list[tuple[int, int]], has_kenmerk: bool, workbook: bool) -> ClassListWarning:
    one = line_word(1, workbook=workbook)
    shown = [f"{one} {line} (zelfde als {one} {first})" for line, first in merged[:_MERGED_SHOWN]]
    if len(merged) > _MERGED_SHOWN:
        shown.append(f"nog {len(merged) - _MERGED_SHOWN}")
    count = len(merged)
    verb = "herhaalt" if count == 1 else "herhalen"
    done = "is samengevoegd" if count == 1 else "zijn samengevoegd"
    same = "zelfde naam, groep en leerlingnummer of geboortedatum" if has_kenmerk else "zelfde naam en groep"
    message = (
        f"{count} {line_word(count, workbook=workbook)} {verb} een leerling die al eerder in de lijst staat "
        f"({same}) en {done}, zodat elke leerling één formulier krijgt: {join(shown)}."
    )
    if not has_kenmerk:
        message += (
            " Zijn het toch twee kinderen met dezelfde naam, voeg dan een kolom Leerlingnummer of Geboortedatum toe."
        )
    return ClassListWarning(path, merged[0][0], message)


def _row_groups(groups: list[list[int]]) -> str:
    """Groups of row numbers as a warning lists them: "3 en 7; 12 en 15; nog 4 keer"."""
    shown = [number_list(lines) for lines in groups[:_MERGED_SHOWN]]
    if len(groups) > _MERGED_SHOWN:
        shown.append(f"nog {len(groups) - _MERGED_SHOWN} keer")
    return "; ".join(shown)


def _unsure_warning(path: Path, groups: list[list[int]], workbook: bool) -> ClassListWarning:
    many = line_word(2, workbook=workbook)
    message = (
        f"Op {many} {_row_groups(groups)} staat {'telkens ' if len(groups) > 1 else ''}een leerling met dezelfde "
        "naam en groep, maar met andere "
        "gegevens (bijvoorbeeld een andere ouder). kmg kan niet zien of dat één kind is of twee, en houdt ze "
        f"apart: elk krijgt een formulier. Is het één kind, maak de {many} dan gelijk; zijn het twee kinderen, "
        "voeg dan een kolom Leerlingnummer of Geboortedatum toe."
    )
    return ClassListWarning(path, groups[0][1], message)


def _two_groups_warning(path: Path, groups: list[list[int]], workbook: bool) -> ClassListWarning:
    message = (
        f"Op {line_word(2, workbook=workbook)} {_row_groups(groups)} staat {'telkens ' if len(groups) > 1 else ''}"
        "dezelfde leerling (zelfde "
        "leerlingnummer, of zelfde naam en geboortedatum) in meer dan één groep. kmg weet niet in welke groep het "
        "gesprek is en maakt in elke groep een formulier. Haal de leerling weg uit de groep waar het gesprek niet "
        "is (bijvoorbeeld een plusklas)."
    )
    return ClassListWarning(path, groups[0][0], message)


def _birth_date_warning(path: Path, lines: list[int], workbook: bool) -> ClassListWarning:
    return ClassListWarning(
        path,
        lines[0],
        f"De geboortedatum op {line_list(lines, workbook=workbook)} is geen datum die kmg kan lezen; kmg gebruikt die "
        "alleen om kinderen met dezelfde naam uit elkaar te houden. Schrijf een datum als 14-03-2016.",
    )


def _guessed_warning(table: SourceTable, lines: list[int]) -> ClassListWarning:
    count = len(lines)
    workbook = table.workbook
    families = aantal(count, "gezin", "gezinnen")
    what = "dit gezin" if count == 1 else "deze gezinnen"
    if table.postcode_only:
        message = (
            f"Dit bestand heeft van het adres alleen de postcode. Daarom heeft kmg {families} geraden: kinderen "
            f"met dezelfde postcode en achternaam (zie {line_list(lines, workbook=workbook)}). Controleer {what} "
            "met 'kmg klassen'."
        )
    else:
        message = (
            f"kmg heeft {families} geraden: kinderen met dezelfde postcode en achternaam, zonder gezinsnummer, "
            f"e-mailadres of huisnummer dat ze verbindt (zie {line_list(lines, workbook=workbook)}). Controleer "
            f"{what} met 'kmg klassen'; een kolom Gezin maakt het zeker."
        )
    return ClassListWarning(table.path, lines[0], message)


def _no_year_group_warning(path: Path, naam: str, row: _Row) -> ClassListWarning:
    label = SchoolClass(naam=naam, slug="", jaargroepen=frozenset(), leerkracht="", leerlingen=()).label
    return ClassListWarning(
        path,
        row.line,
        f'Het leerjaar "{row.leerjaar_text}" is geen jaargroep 1 tot en met 8; kmg leest {label} als groep '
        "zonder jaargroep. Zet de naam in 'groepen' van een agenda, of vul een jaargroep in.",
    )


def _stray_year_group_warning(
    path: Path, naam: str, named: frozenset[int], stray: list[_Row], workbook: bool
) -> ClassListWarning:
    label = class_label(naam)
    lines = [row.line for row in stray]
    values = join(sorted({f'"{row.leerjaar_text}"' for row in stray}))
    years = join([str(year) for year in sorted(named)])
    one = len(lines) == 1
    return ClassListWarning(
        path,
        lines[0],
        f"In {label} staat op {line_list(lines, workbook=workbook)} een leerjaar ({values}) dat niet bij de naam "
        f"van de groep past; kmg rekent {'die leerling' if one else 'die leerlingen'} tot jaargroep {years}, zoals "
        "de groep heet. Klopt de groep of het leerjaar niet, verbeter het dan in het leerlingvolgsysteem.",
    )


def _spellings_warning(path: Path, spellings: dict[str, int], workbook: bool) -> ClassListWarning:
    one = line_word(1, workbook=workbook)
    names = [f'"{naam}" ({one} {line})' for naam, line in spellings.items()]
    first = next(iter(spellings))
    return ClassListWarning(
        path,
        list(spellings.values())[1],
        f'De groepsnamen {join(names)} zijn één groep en krijgen één map; kmg noemt de groep "{first}". '
        "Is het toch een andere groep, geef die dan een naam die meer verschilt.",
    )
