"""Confirmation letters go through the invitation's child and carry the invitation's code."""

from __future__ import annotations

from datetime import date, time

from gereedschapskist.classes.model import ClassList, Family, Pupil, SchoolClass
from gereedschapskist.invitations import choose_carrier
from gereedschapskist.planning.model import Conversation
from gereedschapskist.planning.pdf import letters_for_classes


def _talk(klas: str, sleutel: str, begin: int) -> Conversation:
    return Conversation(
        datum=date(2026, 9, 8),
        begin=time(begin, 0),
        eind=time(begin, 25),
        moment="di",
        klas=klas,
        leerkracht=f"Juf {klas}",
        leerlingen=(sleutel,),
        gezin="G001",
        huishouden=1,
        code="K7-4QF",
        plaats="lokaal",
        huisbezoek=False,
        taalhulp=False,
        apart=False,
        onderwerpen="",
    )


def _school() -> ClassList:
    young = Pupil("Sem", "", "Bakker", sleutel="a", gezin="G001", geboortedatum=date(2019, 5, 1))
    old = Pupil("Noor", "", "Bakker", sleutel="b", gezin="G001", geboortedatum=date(2016, 5, 1))
    three = SchoolClass("3", "groep-3", frozenset({3}), "Juf 3", (young,))
    six = SchoolClass("6", "groep-6", frozenset({6}), "Juf 6", (old,))
    # no parent data: the family got one letter (and code) as household 1
    return ClassList((three, six), (), (Family("G001", "k", ("a", "b"), ()),))


def test_a_family_without_parent_data_gets_its_code_through_the_invitations_child() -> None:
    school = _school()
    letters = letters_for_classes([_talk("3", "a", 15), _talk("6", "b", 16)], school, {"3": None, "6": None})
    assert list(letters) == ["6"]  # the oldest child, as the invitation
    assert [letter.code for letter in letters["6"]] == ["K7-4QF"]
    carrier_class, _ = choose_carrier(school.members(school.families[0]), "oudste")
    assert carrier_class.naam == "6"
