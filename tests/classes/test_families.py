"""Families and households (issue 10, point 2): pupils who share parents, across the whole school."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.classes import ClassList, read_class_list
from gereedschapskist.classes.builder import build_class_list
from gereedschapskist.classes.model import Address
from gereedschapskist.classes.rows import Position, SourceRow, SourceTable


def write(tmp_path: Path, text: str, name: str = "klassen.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def family_names(result: ClassList) -> list[list[str]]:
    """Each family as the names of its pupils, in family order."""
    return [[pupil.naam for _, pupil in result.members(family)] for family in result.families]


HEADER = (
    "Roepnaam;Achternaam;Groep;Gezin;E-mailadres ouder/verzorger 1;E-mailadres ouder/verzorger 2;"
    "Postcode;Huisnummer\n"
)


def test_every_pupil_is_in_exactly_one_family(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;5\nMila;Jansen;3\n")
    result = read_class_list(path)
    pupils = [pupil for _, pupil in result.pupils()]
    assert len(result.families) == 3
    assert sorted(key for family in result.families for key in family.leerlingen) == sorted(
        pupil.sleutel for pupil in pupils
    )
    assert all(pupil.sleutel and result.family_of(pupil) is not None for pupil in pupils)
    # Without parent data a family has no household.
    assert all(family.huishoudens == () for family in result.families)


def test_the_gezin_column_groups_siblings_in_different_classes(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Gezinsnummer\nSem;Visser;3;F1\nZoë;Berg;5;F2\nLot;Visser;7;F1\nMila;Jansen;3;\n",
    )
    result = read_class_list(path)
    # School order: groep 3 (Mila Jansen, Sem Visser), then groep 5, then groep 7.
    assert family_names(result) == [["Mila Jansen"], ["Sem Visser", "Lot Visser"], ["Zoë Berg"]]
    assert [family.id for family in result.families] == ["G001", "G002", "G003"]
    sem = result.classes[0].leerlingen[1]
    assert sem.naam == "Sem Visser" and sem.gezin == "G002"
    assert result.families[1].sleutel == "gz:F1"


def test_a_shared_parent_email_joins_siblings_case_insensitive_either_parent(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "Sem;Visser;3;;moeder@example.nl;;;\n"
        + "Lot;Visser;6;;vader@example.nl;Moeder@Example.NL;;\n"
        + "Zoë;Berg;6;;zoe.ouder@example.nl;;;\n",
    )
    assert family_names(read_class_list(path)) == [["Sem Visser", "Lot Visser"], ["Zoë Berg"]]


def test_the_same_address_joins_pupils_without_email(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "Sem;Visser;3;;;;1234 AB;12\nLot;de Wit;6;;;;1234ab;12\nZoë;Berg;6;;;;1234 AB;14\n",
    )
    result = read_class_list(path)
    assert family_names(result) == [["Sem Visser", "Lot de Wit"], ["Zoë Berg"]]
    assert not any(family.geraden for family in result.families)
    assert result.warnings == ()


def test_a_gezin_value_is_not_overruled_by_a_shared_email(tmp_path: Path) -> None:
    # Two different Gezin values: the school says two families, even with one e-mail address.
    path = write(tmp_path, HEADER + "Sem;Visser;3;1;a@example.nl;;;\nLot;Visser;6;2;a@example.nl;;;\n")
    assert family_names(read_class_list(path)) == [["Sem Visser"], ["Lot Visser"]]


def test_different_emails_at_one_address_stay_two_families(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Sem;Visser;3;;a@example.nl;;1234 AB;12\nLot;Smit;6;;b@example.nl;;1234 AB;12\n")
    assert family_names(read_class_list(path)) == [["Sem Visser"], ["Lot Smit"]]


def test_postcode_and_surname_is_a_guess_that_is_counted(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Postcode\nSem;Visser;3;1234 AB\nLot;Visser;6;1234AB\nZoë;Berg;6;1234 AB\n",
    )
    result = read_class_list(path)
    assert family_names(result) == [["Sem Visser", "Lot Visser"], ["Zoë Berg"]]
    assert [family.geraden for family in result.families] == [True, False]
    [warning] = result.warnings
    assert "1 gezin geraden" in warning.message
    assert warning.line == 2
    for secret in ("Visser", "Sem", "Lot", "1234"):
        assert secret not in warning.message


def test_different_house_numbers_are_no_guess(tmp_path: Path) -> None:
    path = write(tmp_path, HEADER + "Sem;Visser;3;;;;1234 AB;12\nLot;Visser;6;;;;1234 AB;14\n")
    result = read_class_list(path)
    assert family_names(result) == [["Sem Visser"], ["Lot Visser"]]
    assert result.warnings == ()


def test_a_postcode_only_source_says_how_many_families_are_a_guess(tmp_path: Path) -> None:
    rows = [
        ("Sem", "Visser", "3", "1234AB"),
        ("Lot", "Visser", "6", "1234AB"),
        ("Ali", "Kaya", "3", "5678CD"),
        ("Ela", "Kaya", "8", "5678CD"),
        ("Zoë", "Berg", "8", "1234AB"),
    ]
    path = tmp_path / "school.xml"
    table = SourceTable(
        path=path,
        rows=[
            SourceRow(
                Position(path, 10 + index),
                {"roepnaam": first, "achternaam": last, "groep": groep, "ouder1_postcode": postcode},
            )
            for index, (first, last, groep, postcode) in enumerate(rows)
        ],
        roles=frozenset({"roepnaam", "achternaam", "groep", "ouder1_postcode"}),
        postcode_only=True,
    )
    result = build_class_list(table)
    assert sorted(map(sorted, family_names(result))) == [["Ali Kaya", "Ela Kaya"], ["Lot Visser", "Sem Visser"], [
        "Zoë Berg"
    ]]
    [warning] = result.warnings
    assert "alleen de postcode" in warning.message
    assert "2 gezinnen geraden" in warning.message
    # A family of postcode only has one household: the postcode, no parents.
    sem = next(pupil for _, pupil in result.pupils() if pupil.naam == "Sem Visser")
    family = result.family_of(sem)
    assert family is not None and family.geraden
    [home] = family.huishoudens
    assert (home.adres, home.ouders) == (Address(postcode="1234AB"), ())


SPLIT_HEADER = (
    "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1;Straat;Huisnummer;Postcode;"
    "Woonplaats;Naam ouder/verzorger 2;E-mailadres ouder/verzorger 2;Straat ouder/verzorger 2;"
    "Huisnummer ouder/verzorger 2;Postcode ouder/verzorger 2;Woonplaats ouder/verzorger 2;Thuistaal\n"
)


def test_parent_2_at_another_address_is_a_second_household(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        SPLIT_HEADER
        + "Sem;Visser;3;Anna Visser;anna@example.nl;Dorpsstraat;1;1234 AB;Ons Dorp;"
        "Piet Visser;piet@example.nl;Kerkweg;7;5678 CD;Stad;Nederlands\n"
        + "Lot;Visser;6;Anna Visser;anna@example.nl;Dorpsstraat;1;1234 AB;Ons Dorp;"
        "Piet Visser;piet@example.nl;Kerkweg;7;5678 CD;Stad;\n",
    )
    result = read_class_list(path)
    [family] = result.families
    assert [pupil.naam for _, pupil in result.members(family)] == ["Sem Visser", "Lot Visser"]
    first, second = family.huishoudens
    assert (first.nummer, [p.naam for p in first.ouders], str(first.adres)) == (
        1, ["Anna Visser"], "Dorpsstraat 1, 1234 AB Ons Dorp"
    )
    assert (second.nummer, [p.email for p in second.ouders], str(second.adres)) == (
        2, ["piet@example.nl"], "Kerkweg 7, 5678 CD Stad"
    )
    assert first.taal == second.taal == "Nederlands"


def test_parents_at_one_address_share_one_household(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        SPLIT_HEADER + "Sem;Visser;3;Anna;anna@example.nl;Dorpsstraat;1;1234 AB;Ons Dorp;"
        "Piet;piet@example.nl;Dorpsstraat;1;1234AB;Ons Dorp;\n",
    )
    [family] = read_class_list(path).families
    [home] = family.huishoudens
    assert [p.naam for p in home.ouders] == ["Anna", "Piet"]


def test_a_parent_with_only_an_email_lives_with_parent_1(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        SPLIT_HEADER + "Sem;Visser;3;Anna;anna@example.nl;Dorpsstraat;1;1234 AB;Ons Dorp;;piet@example.nl;;;;;\n",
    )
    [family] = read_class_list(path).families
    [home] = family.huishoudens
    assert [p.label for p in home.ouders] == ["Anna", "piet@example.nl"]
    assert home.adres is not None and home.adres.huisnummer == "1"


def test_families_are_numbered_in_school_order_and_stable(tmp_path: Path) -> None:
    text = HEADER + "Ela;Kaya;8;;k@example.nl;;;\nSem;Visser;3;;v@example.nl;;;\nAli;Kaya;3;;k@example.nl;;;\n"
    first = read_class_list(write(tmp_path, text))
    again = read_class_list(write(tmp_path, text, "again.csv"))
    assert first.families == again.families
    # Groep 3 comes first: Ali Kaya (G001, with Ela in groep 8), then Sem Visser.
    assert family_names(first) == [["Ali Kaya", "Ela Kaya"], ["Sem Visser"]]
    assert [family.id for family in first.families] == ["G001", "G002"]


def test_a_family_key_does_not_change_when_an_unrelated_row_is_added(tmp_path: Path) -> None:
    text = "Roepnaam;Achternaam;Groep;Geboortedatum\nSem;Visser;3;01-02-2018\nLot;Berg;6;03-04-2015\n"
    before = read_class_list(write(tmp_path, text))
    after = read_class_list(write(tmp_path, text + "Ada;Aa;3;05-06-2018\n", "after.csv"))
    keys = {f.sleutel for f in before.families}
    assert len(keys) == 2 and all(keys)
    assert keys <= {f.sleutel for f in after.families}
    assert {p.sleutel for _, p in before.pupils()} <= {p.sleutel for _, p in after.pupils()}


def test_a_house_number_addition_keeps_two_flats_apart(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Postcode;Huisnummer;Toevoeging\n"
        "Sem;Visser;3;1234 AB;12;\nLot;Smit;6;1234 AB;12;A\nAda;Kok;6;1234 AB;12;a\n",
    )
    result = read_class_list(path)
    assert family_names(result) == [["Sem Visser"], ["Ada Kok", "Lot Smit"]]
    flat = result.families[1].huishoudens[0].adres
    assert flat is not None and (flat.huisnummer.upper(), flat.postcode) == ("12 A", "1234 AB")
