"""The class-list data model: pupils, classes, and the text rules behind them.

A Dutch primary school's class ("groep") is not the same as a year group
("jaargroep"): combination classes such as "4/5" or "groep 1-2" hold several year
groups, and some schools give classes names instead of numbers. This module turns a
class name into year groups, a pupil into a sortable display name and a class into
a folder-safe slug. It has no I/O; reading exports lives in `readers/` and `builder`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, overload

from ..slug import slugify, strip_accents

YEAR_GROUPS = range(1, 9)


def _fold(text: str) -> str:
    # Dutch lists sort "Çelik" among the C's and "Ölmez" among the O's, so the
    # primary key ignores accents and case; the raw casefold breaks remaining ties.
    return strip_accents(text).casefold()


@dataclass(frozen=True)
class Pupil:
    """One pupil as the class list names them.

    `sleutel` tells two pupils with the same name apart (two different children called
    "Sem de Vries" in one class are two pupils); it is unique within one `ClassList`,
    stable when unrelated rows of the export change, and never printed or written.
    `gezin` is the `Family.id` the pupil belongs to ("" when the list has no families).
    `jaargroep` is the pupil's own year group in a combination class ("1/2") when the export
    says it per pupil (a Leerjaar or Jaargroep column, EDEXML); None otherwise, also in a class
    of one year group. It chooses the agenda of the pupil when several serve the class
    (`serving.pupil_agenda`); like the birth date it is no part of the pupil's identity.
    """

    roepnaam: str
    tussenvoegsel: str
    achternaam: str
    sleutel: str = ""
    geboortedatum: date | None = field(default=None, compare=False)
    gezin: str = field(default="", compare=False)
    jaargroep: int | None = field(default=None, compare=False)

    @property
    def naam(self) -> str:
        """Display name, e.g. "Zoë van der Berg"."""
        return " ".join(part for part in (self.roepnaam, self.tussenvoegsel, self.achternaam) if part)

    @property
    def sort_key(self) -> tuple[str, ...]:
        """Order by achternaam then roepnaam; "van der Berg" files under B, as in Dutch lists."""
        return (
            _fold(self.achternaam),
            _fold(self.roepnaam),
            self.achternaam.casefold(),
            self.roepnaam.casefold(),
            _fold(self.tussenvoegsel),
            # Exact strings last so that the order is total and therefore stable
            # across runs, whatever order the export had.
            self.achternaam,
            self.roepnaam,
            self.tussenvoegsel,
        )


@dataclass(frozen=True)
class SchoolClass:
    """One class with its year groups, teacher and sorted pupils."""

    naam: str
    slug: str
    jaargroepen: frozenset[int]  # empty for a class without year group ("Taalklas")
    leerkracht: str
    leerlingen: tuple[Pupil, ...]

    @property
    def label(self) -> str:
        """How a message names the class: "groep 5a", but "Groep 1/2a" and "Taalklas" as they are."""
        return class_label(self.naam)

    def named_in(self, names: Iterable[str]) -> bool:
        """Whether an agenda's `groepen` names this class ("Taalklas", "groep 5a") explicitly."""
        return class_key(self.naam) in {class_key(name) for name in names}


@dataclass(frozen=True)
class Parent:
    """A parent or carer (ouder/verzorger) as the export names them; every field may be empty."""

    naam: str = ""
    email: str = ""
    telefoon: str = ""

    @property
    def label(self) -> str:
        """How `kmg klassen` names the parent: the name, else the e-mail address."""
        return self.naam or self.email


@dataclass(frozen=True)
class Address:
    """A home address; only for the school's own lists (never printed on a slip that travels)."""

    straat: str = ""
    huisnummer: str = ""
    postcode: str = ""
    woonplaats: str = ""

    @property
    def key(self) -> str:
        """What makes two spellings one address: postcode and house number, case and spaces ignored."""
        return ("".join(self.postcode.split()) + "|" + "".join(self.huisnummer.split())).casefold()

    def __str__(self) -> str:
        street = " ".join(part for part in (self.straat, self.huisnummer) if part)
        town = " ".join(part for part in (self.postcode, self.woonplaats) if part)
        return ", ".join(part for part in (street, town) if part)


@dataclass(frozen=True)
class Household:
    """One address with the parents who live there; a family of separated parents has two.

    `nummer` is 1 or 2 within the family (parent/carer 1's household is 1). `taal` is the
    home language as the export writes it ("Engels", "en", "Arabisch"; "" when unknown).
    """

    nummer: int
    ouders: tuple[Parent, ...] = ()
    adres: Address | None = None
    taal: str = ""


@dataclass(frozen=True)
class Family:
    """The pupils who share parents, across the whole school, and their households.

    `id` is a short display id ("G001", unique within one `ClassList`, shown by `kmg klassen`);
    `sleutel` is an internal stable key (the Gezin column when the export has one, else
    derived from the pupils' `sleutel`s) from which household codes are made; it is never
    printed. `leerlingen` holds the members' `Pupil.sleutel`s in school order. `geraden` is
    True when kmg grouped these pupils only by postcode and surname (a guess).
    """

    id: str
    sleutel: str
    leerlingen: tuple[str, ...]
    huishoudens: tuple[Household, ...] = ()
    geraden: bool = False


@dataclass(frozen=True)
class ClassListWarning:
    """Something the reader did on its own that the school should know about (never names a pupil)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class ClassList(Sequence[SchoolClass]):
    """The classes of one export, in order, and the reader's warnings about them.

    It is a sequence of `SchoolClass`, so code that only wants the classes can
    iterate it like the list it used to be.
    """

    classes: tuple[SchoolClass, ...]
    warnings: tuple[ClassListWarning, ...] = ()
    # Every pupil belongs to exactly one family when the list has families; a list read
    # from an export without any parent or family data still has one family per pupil.
    families: tuple[Family, ...] = ()

    @overload
    def __getitem__(self, index: int) -> SchoolClass: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[SchoolClass, ...]: ...
    def __getitem__(self, index: int | slice) -> SchoolClass | tuple[SchoolClass, ...]:
        return self.classes[index]

    def __len__(self) -> int:
        return len(self.classes)

    def __iter__(self) -> Iterator[SchoolClass]:
        return iter(self.classes)

    def pupils(self) -> Iterator[tuple[SchoolClass, Pupil]]:
        """Every (class, pupil) of the school, in class order."""
        for klass in self.classes:
            for pupil in klass.leerlingen:
                yield klass, pupil

    def family(self, family_id: str) -> Family | None:
        """The family with this `Family.id`, or None."""
        return next((family for family in self.families if family.id == family_id), None)

    def family_of(self, pupil: Pupil) -> Family | None:
        """The family `pupil` belongs to (by `Pupil.gezin`), or None when the list has no families."""
        return self.family(pupil.gezin) if pupil.gezin else None

    def members(self, family: Family) -> list[tuple[SchoolClass, Pupil]]:
        """The (class, pupil) pairs of a family, in the order of `Family.leerlingen`."""
        by_key = {pupil.sleutel: (klass, pupil) for klass, pupil in self.pupils()}
        return [by_key[key] for key in family.leerlingen if key in by_key]


def class_label(naam: str) -> str:
    """The one way kmg names a class in a sentence (the PDF capitalises it as a title).

    "3" and "4/5" -> "groep 3", "groep 4/5"; "Gr. 3", "gr3" -> "groep 3"; "Groep 1/2a",
    "Taalklas" and "De Egels" stay as they are.
    """
    naam = " ".join(naam.split())
    if naam[:1].isdigit():
        return f"groep {naam}"
    prefix = _GROUP_PREFIX.match(naam)
    rest = naam[prefix.end() :] if prefix else ""
    if not prefix or not rest or naam[: prefix.end()].strip().casefold() == "groep":
        return naam
    # An abbreviation ("Gr. 3", "gr3") is written out, keeping the case of its first letter.
    return ("Groep " if naam[0].isupper() else "groep ") + rest


def _groepen_example(klass: SchoolClass, agendas: Sequence[Any]) -> list[int | str]:
    """An agenda's `groepen` with this class in it: a misspelt name ("Taalkls") is replaced, else it is added."""
    key = class_key(klass.naam)
    for agenda in agendas:
        for index, group in enumerate(agenda.groepen):
            if isinstance(group, str) and difflib.SequenceMatcher(None, class_key(group), key).ratio() >= 0.6:
                return [*agenda.groepen[:index], klass.naam, *agenda.groepen[index + 1 :]]
    return [*agendas[0].groepen, klass.naam] if agendas else [klass.naam]


def unserved_message(klass: SchoolClass, agendas: Sequence[Any] = ()) -> str:
    """What to tell the school about a class that no agenda serves (it gets no documents).

    With the agendas of the build, the example `groepen` is the first agenda's own list
    plus this class, so that copying it adds nothing else.
    """
    label = klass.label  # printed after "Let op: ", so "groep 3" stays lowercase
    if not klass.jaargroepen:
        groepen = _groepen_example(klass, agendas)
        example = "[" + ", ".join(f'"{g}"' if isinstance(g, str) else str(g) for g in groepen) + "]"
        return (
            f"{label} heeft geen jaargroep, valt onder geen enkele agenda en krijgt dus geen documenten. "
            f"Zet de naam in 'groepen' van een agenda, bijvoorbeeld groepen: {example}, "
            "of vul in de klassenlijst de kolom Leerjaar in."
        )
    years = sorted(klass.jaargroepen)
    joined = ", ".join(map(str, years[:-1])) + " en " + str(years[-1]) if len(years) > 1 else str(years[0])
    return (
        f"{label} (jaargroep {joined}) valt onder geen enkele agenda en krijgt geen documenten. "
        "Voeg de jaargroep toe aan 'groepen' van een agenda."
    )


def unknown_name_messages(agendas: Iterable[tuple[Path, Any]], classes: Iterable[SchoolClass]) -> list[str]:
    """A sentence for every name in an agenda's `groepen` that matches no class, with the nearest name."""
    classes = list(classes)
    keys = {class_key(klass.naam): klass.naam for klass in classes}
    messages = []
    for path, agenda in agendas:
        for name in agenda.class_names:
            if class_key(name) in keys:
                continue
            close = difflib.get_close_matches(class_key(name), list(keys), n=1, cutoff=0.6)
            advice = (
                f'bedoelt u "{keys[close[0]]}"?'
                if close
                else "controleer de spelling, of haal de naam weg als die groep er dit jaar niet is."
            )
            where = f"{path}: de naam \"{name}\" in 'groepen'"
            messages.append(f"{where} past bij geen groep uit de klassenlijst; {advice}")
    return messages


# "Groep 3", "groep3" and "Gr. 3" all name the class "3".
_GROUP_PREFIX = re.compile(r"^(?:groep|gr\.?)(?=[\s\d]|$)\s*", re.IGNORECASE)


def class_key(naam: str) -> str:
    """What makes two spellings one class: "3", "Groep 3" and "groep3" -> "3"; "8 B", "Groep 8b" -> "8b".

    Case, spaces and a leading "groep" do not count; other characters do ("4/5" is not "4-5").
    """
    folded = " ".join(naam.casefold().split())
    key = "".join(_GROUP_PREFIX.sub("", folded).split())
    return key or "".join(folded.split())


_NUMBER = re.compile(r"\d+")
# What may stand between two numbers to make a range: "1-3", "1 – 3", "1 t/m 3",
# "1 tm 3", "1 tot en met 3". A bare "tot" is ambiguous (up to or up to and
# including?), so it is not a joiner. Anything else ("/", ",", "+", "en") lists them.
_RANGE_JOINER = re.compile(r"\s*(?:[-‐‑‒–—]|t\s*/\s*m|t\.?\s*m\.?|tot\s+en\s+met)\s*", re.IGNORECASE)
# Only a name shaped like a group says its year groups: "3", "5a", "8 B", "groep 3",
# "Gr. 3", "1/2", "4-5", "1 t/m 3", "groep 4 en 5". Digits inside other names ("NT2",
# "Nieuwkomers 1", "3 (2)", "Taalklas 2") are no year groups.
_ONE = r"\d{1,2}(?:\s?[a-z])?"
_JOIN = r"\s*(?:[-‐‑‒–—/,+&]|t\s*/\s*m|t\.?\s*m\.?|tot\s+en\s+met|en)\s*"
# A word ending in "groep" may lead ("Combinatiegroep 5/6", "Kleutergroep 1/2") and a
# remark without digits may follow ("Groep 7/8 (combi)").
_GROUP_SHAPE = re.compile(
    rf"(?:[^\W\d_]*groep(?:en)?|gr\.?)?\s*{_ONE}(?:{_JOIN}{_ONE})*(?:\s*\([^\d()]*\))?",
    re.IGNORECASE,
)
# A (school) year after the name ("Groep 8 2025-2026", "groep 5 (2025/2026)",
# "Groep 4 - 2026") is no group.
_SCHOOL_YEAR = re.compile(r"\s*[-‐‑‒–—/,]?\s*\(?\s*(?:19|20)\d\d(?:\s*[-‐‑‒–—/]\s*(?:(?:19|20)\d\d|\d\d))?\s*\)?\s*$")


def parse_year_groups(text: str) -> frozenset[int]:
    """The year groups 1..8 named in a class name or Leerjaar value.

    "4/5" -> {4, 5}, "groep 1-2" -> {1, 2}, "5a" -> {5}, "1 t/m 3" -> {1, 2, 3},
    "3-4-5" -> {3, 4, 5}, "Kleuters" -> {1, 2}; empty when the name is not shaped
    like a group or names nothing in 1..8 (e.g. "De Egels", "10", "NT2", "3 (2)").
    """
    shaped = _SCHOOL_YEAR.sub("", " ".join(text.split()))
    if not _GROUP_SHAPE.fullmatch(shaped):
        # "Kleuters" is the everyday Dutch name for groep 1 and 2 together.
        return frozenset({1, 2}) if "kleuter" in text.casefold() and not _NUMBER.search(text) else frozenset()
    found: set[int] = set()
    previous: int | None = None
    previous_end = 0
    for match in _NUMBER.finditer(shaped):
        number = int(match.group())
        joined = previous is not None and _RANGE_JOINER.fullmatch(shaped[previous_end : match.start()])
        if joined and previous in YEAR_GROUPS and number in YEAR_GROUPS:
            low, high = sorted((previous, number))
            found.update(range(low, high + 1))
        elif number in YEAR_GROUPS:
            found.add(number)
        previous, previous_end = number, match.end()
    return frozenset(found)


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts "groep 2" before "groep 10" and ignores case and accents."""
    parts = re.split(r"(\d+)", _fold(text))
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in parts if part)


def base_slug(naam: str) -> str:
    """Folder-safe ascii name for a class: "4/5" -> "groep-4-5", "Groep 5a" -> "groep-5a"."""
    slug = slugify(naam, empty="")
    # Names often already say "groep" ("Groep 1-2", "groep5"); the prefix must appear once.
    slug = re.sub(r"^(?:groep|gr)(?:-|(?=\d)|$)", "", slug)
    # A name in another script (or only punctuation) leaves nothing usable in ascii.
    return f"groep-{slug}" if slug else "groep-zonder-naam"


def unique_slugs(names: list[str]) -> list[str]:
    """Slugs for `names` in order, with "-2", "-3"... added where two would share a folder."""
    taken: set[str] = set()
    slugs: list[str] = []
    for naam in names:
        base = slug = base_slug(naam)
        counter = 2
        while slug in taken:
            slug = f"{base}-{counter}"
            counter += 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
