"""Small schools built by hand (ClassList with families and households), as the builder will make them."""

from __future__ import annotations

from gereedschapskist.agenda.model import Agenda
from gereedschapskist.classes.model import Address, ClassList, Family, Household, Parent, Pupil, SchoolClass
from gereedschapskist.planning.answers import Answer
from gereedschapskist.planning.config import Planning


def agenda(groepen, duur=20, setting="school") -> Agenda:
    return Agenda.model_validate(
        {
            "versie": 1,
            "school": "OBS Test",
            "schooljaar": "2026-2027",
            "groepen": groepen,
            "setting": setting,
            "duur": duur,
            "onderwerpen": [{"titel": "Kennismaken", "minuten": duur}],
        }
    )


def school(classes, families=()):
    """classes: [(naam, jaargroepen, leerkracht, [pupil keys])]; families: [(id, [pupil keys], households)]
    where households is 0, 1 or 2. Pupils not in a family get a family of their own without households."""
    in_family = {key: fid for fid, keys, _ in families for key in keys}
    built = []
    family_list = []
    for naam, years, teacher, keys in classes:
        pupils = []
        for key in keys:
            fid = in_family.get(key, f"F-{key}")
            pupils.append(Pupil(key.capitalize(), "", "Test", sleutel=key, gezin=fid))
        built.append(SchoolClass(naam, naam.replace("/", "-"), frozenset(years), teacher, tuple(pupils)))
    order = [p.sleutel for c in built for p in c.leerlingen]
    for fid, keys, households in families:
        homes = tuple(
            Household(n, (Parent(f"Ouder {n}"),), Address("Straat", str(n), f"123{n} AB", "Dorp"))
            for n in range(1, households + 1)
        )
        family_list.append(Family(fid, f"key-{fid}", tuple(sorted(keys, key=order.index)), homes))
    for key in order:
        if key not in in_family:
            family_list.append(Family(f"F-{key}", f"key-F-{key}", (key,), ()))
    return ClassList(tuple(built), (), tuple(family_list))


def config(momenten, **rest) -> Planning:
    return Planning.model_validate({"versie": 1, "momenten": momenten, **rest})


def moment(naam, van="15:00", tot="17:00", datum="2026-09-08", **rest):
    return {"naam": naam, "datum": datum, "van": van, "tot": tot, **rest}


def answer(kan=(), niet=(), apart=False, taalhulp=False, code="", onderwerpen=""):
    return Answer("", frozenset(kan), frozenset(niet), apart, taalhulp, onderwerpen, code=code)
