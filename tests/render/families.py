"""A small school with families, built by hand (the class-list builder fills them from exports).

Kept to the invariants of contracts.md: every pupil has a unique `sleutel` and `gezin` = the
`id` of one family; `Family.leerlingen` in school order; household 2 only for a second address.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gereedschapskist.classes.model import Address, ClassList, Family, Household, Parent, Pupil, SchoolClass


def pupil(
    roepnaam: str, achternaam: str, sleutel: str, gezin: str, born: date | None = None, tussen: str = ""
) -> Pupil:
    return Pupil(roepnaam, tussen, achternaam, sleutel=sleutel, geboortedatum=born, gezin=gezin)


def household(nummer: int, *names: str, taal: str = "", postcode: str = "1234 AB") -> Household:
    return Household(
        nummer,
        tuple(Parent(naam, f"ouder{nummer}@example.org", "0612345678") for naam in names),
        Address("Dorpsstraat", str(nummer * 10), postcode, "Ergens"),
        taal,
    )


def school(*, via_dates: bool = True, extra_pupil: str | None = None) -> ClassList:
    """Three classes. G001: Zoë (5a) and Daan (3a) and Mila (1/2), one household;
    G002: Sem (5a), separated parents (two households, English at home in the second);
    G003: Noah (3a) without any parent data; G004: Yara (5a), the Arabic-speaking family."""
    zoe = pupil("Zoë", "Berg", "p-zoe", "G001", date(2017, 3, 14) if via_dates else None, "van der")
    daan = pupil("Daan", "Berg", "p-daan", "G001", date(2019, 5, 2) if via_dates else None, "van der")
    mila = pupil("Mila", "Berg", "p-mila", "G001", date(2021, 1, 9) if via_dates else None, "van der")
    sem = pupil("Sem", "Jansen", "p-sem", "G002", date(2017, 8, 1))
    noah = pupil("Noah", "Vries", "p-noah", "G003", None, "de")
    yara = pupil("Yara", "Haddad", "p-yara", "G004", date(2017, 2, 2))
    five = [zoe, sem, yara]
    if extra_pupil:
        five.append(pupil(extra_pupil, "Extra", "p-extra", "G005"))
    classes = (
        SchoolClass("1/2", "groep-1-2", frozenset({1, 2}), "Juf Anouk", (mila,)),
        SchoolClass("3a", "groep-3a", frozenset({3}), "Meester Bram", (daan, noah)),
        SchoolClass("5a", "groep-5a", frozenset({5}), "Juf Samira", tuple(five)),
    )
    families = [
        Family(
            "G001",
            "gezin-berg",
            ("p-mila", "p-daan", "p-zoe"),
            (household(1, "Anna van der Berg", "Mark van der Berg"),),
        ),
        Family(
            "G002",
            "gezin-jansen",
            ("p-sem",),
            (household(1, "Lotte Jansen"), household(2, "Peter Jansen", taal="Engels", postcode="9999 ZZ")),
        ),
        Family("G003", "p-noah", ("p-noah",), ()),
        Family("G004", "gezin-haddad", ("p-yara",), (household(1, "Samir Haddad", taal="Arabisch"),)),
    ]
    if extra_pupil:
        families.append(Family("G005", "p-extra", ("p-extra",), (household(1, "Iemand Extra"),)))
    return ClassList(classes, (), tuple(families))


def without_families(class_list: ClassList) -> ClassList:
    """The same pupils without families or keys (a list as the first readers gave it)."""
    classes = tuple(
        replace(klass, leerlingen=tuple(replace(p, sleutel="", gezin="") for p in klass.leerlingen))
        for klass in class_list.classes
    )
    return ClassList(classes, (), ())
