"""A small school with families and a hand-made schedule, for the presenters' tests (no solver needed)."""

from __future__ import annotations

from datetime import date, time

from gereedschapskist.classes.model import Address, ClassList, Family, Household, Parent, Pupil, SchoolClass
from gereedschapskist.planning.model import Conversation, Schedule

# Noor (groep 3) and Daan (groep 5a) Bakker: one family, parents separated, both households apart.
NOOR = Pupil("Noor", "", "Bakker", "L01", date(2019, 5, 2), "G001")
DAAN = Pupil("Daan", "", "Bakker", "L02", date(2017, 1, 20), "G001")
# Zoë van den Berg (groep 5a) and her brother Sem (groep 3): together, back to back, language support.
ZOE = Pupil("Zoë", "van den", "Berg", "L03", None, "G002")
SEM = Pupil("Sem", "van den", "Berg", "L04", None, "G002")
# Ahmed (groep 5a): a family of one without household data.
AHMED = Pupil("أحمد", "", "Yılmaz", "L05", date(2017, 3, 3), "G003")

GROEP3 = SchoolClass("3", "groep-3", frozenset({3}), "Meester Rik", (NOOR, SEM))
GROEP5 = SchoolClass("5a", "groep-5a", frozenset({5}), "Juf Anouk de Wit", (DAAN, ZOE, AHMED))

BAKKER_1 = Household(
    1,
    (Parent("Marieke Bakker", "marieke@example.org", "06-11111111"),),
    Address("Dorpsstraat", "12", "1234 AB", "Ergens"),
)
BAKKER_2 = Household(
    2, (Parent("Tom Bakker", "tom@example.org", "06-22222222"),), Address("Kerkweg", "3", "1234 CD", "Ergens")
)
BERG = Household(
    1,
    (Parent("Fatima van den Berg", "", ""), Parent("Joost van den Berg", "", "")),
    Address("Lindelaan", "8", "1234 EF", "Ergens"),
    "Arabisch",
)

FAMILIES = (
    Family("G001", "F-bakker", ("L01", "L02"), (BAKKER_1, BAKKER_2)),
    Family("G002", "F-berg", ("L04", "L03"), (BERG,)),
    Family("G003", "F-yilmaz", ("L05",), ()),
)
CLASS_LIST = ClassList((GROEP3, GROEP5), (), FAMILIES)

DAY = date(2026, 9, 8)


def talk(klas: SchoolClass, pupil: Pupil, begin: str, eind: str, **changes) -> Conversation:
    h, m = map(int, begin.split(":"))
    h2, m2 = map(int, eind.split(":"))
    fields = dict(
        datum=DAY,
        begin=time(h, m),
        eind=time(h2, m2),
        moment="Dinsdagmiddag",
        klas=klas.naam,
        leerkracht=klas.leerkracht,
        leerlingen=(pupil.sleutel,),
        gezin=pupil.gezin,
        huishouden=1,
        code="",
        plaats=f"Lokaal {klas.naam}",
        huisbezoek=False,
        taalhulp=False,
        apart=False,
        onderwerpen="",
    )
    fields.update(changes)
    return Conversation(**fields)


CONVERSATIONS = (
    talk(
        GROEP3, NOOR, "15:00", "15:20", apart=True, code="K7-4QF", onderwerpen="Noor slaapt slecht sinds de verhuizing."
    ),
    talk(GROEP3, NOOR, "15:25", "15:45", apart=True, huishouden=2, code="M3-9TX"),
    talk(GROEP3, SEM, "16:40", "17:10", taalhulp=True, code="W4-HHC", onderwerpen="Zwemles en vriendjes"),
    talk(GROEP5, DAAN, "15:00", "15:25", apart=True, code="K7-4QF"),
    talk(
        GROEP5,
        DAAN,
        "15:30",
        "15:55",
        apart=True,
        huishouden=2,
        code="M3-9TX",
        onderwerpen="Daan wil graag meer uitdaging bij rekenen.",
    ),
    talk(GROEP5, ZOE, "16:00", "16:35", taalhulp=True, code="W4-HHC"),
    talk(GROEP5, AHMED, "17:00", "17:25", huishouden=0),
)
SCHEDULE = Schedule(
    conversations=CONVERSATIONS,
    optimal={"broertjes_zusjes": True, "wensen": True, "compact": False},
    stats={
        "gesprekken": 7,
        "gezinnen_met_broers_zussen": 2,
        "naast_elkaar": 2,
        "wensen_gevraagd": 3,
        "wensen_gehonoreerd": 3,
        "leegloop_minuten": 40,
        "seconden": 1.2,
    },
)
