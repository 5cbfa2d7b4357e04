"""Review of issue 10 (families): what real exports put in a cell when there is nothing to say."""

from __future__ import annotations

from pathlib import Path

import pytest

from gereedschapskist.classes import ClassList, read_class_list


def write(tmp_path: Path, text: str, name: str = "klassen.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def family_names(result: ClassList) -> list[list[str]]:
    return [[pupil.naam for _, pupil in result.members(family)] for family in result.families]


@pytest.mark.parametrize("nothing", ["0", "-", "00", "n.v.t.", "geen", "onbekend", "?"])
def test_a_gezin_value_that_means_no_family_joins_nobody(tmp_path: Path, nothing: str) -> None:
    # ParnasSys and hand-made lists write "0" or "-" in Gezinsnummer for a pupil without
    # a registered family; that is no family of everyone who has it.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Gezinsnummer\n"
        f"Anna;Bakker;3;{nothing}\nBram;Jansen;4;{nothing}\nCees;Smit;5;{nothing}\nDirk;Vos;5;F7\nEva;Vos;6;F7\n",
    )
    result = read_class_list(path)
    assert family_names(result) == [["Anna Bakker"], ["Bram Jansen"], ["Cees Smit"], ["Dirk Vos", "Eva Vos"]]
    # ... and the pupils still fall through to the next rule: a shared e-mail address.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Gezin;E-mailadres ouder/verzorger 1\n"
        f"Anna;Bakker;3;{nothing};ouder@example.nl\nBram;Bakker;5;{nothing};OUDER@example.nl\n",
    )
    assert family_names(read_class_list(path)) == [["Anna Bakker", "Bram Bakker"]]


def test_placeholder_parent_data_joins_nobody_and_is_no_parent(tmp_path: Path) -> None:
    # "-" or "geen" in the e-mail and address columns of pupils without parent data.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1;Straat;Huisnummer;"
        "Postcode;Woonplaats\n"
        "Piet;Mol;4;-;-;-;-;-;-\n"
        "Kees;Vos;5;-;-;-;-;-;-\n"
        "Lot;Ree;5;onbekend;geen;;0;0000;\n"
        "Tim;Zee;6;onbekend;geen;;0;0000;\n",
    )
    result = read_class_list(path)
    assert sorted(map(sorted, family_names(result))) == [["Kees Vos"], ["Lot Ree"], ["Piet Mol"], ["Tim Zee"]]
    # Nothing known about the parents: no household, so `kmg klassen` counts them as without parent data.
    assert all(family.huishoudens == () for family in result.families)


def test_separated_parents_who_share_one_email_address_stay_two_parents(tmp_path: Path) -> None:
    # One family mailbox, typed in another case for the second parent, who lives elsewhere.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1;Straat;Huisnummer;"
        "Postcode;Woonplaats;Naam ouder/verzorger 2;E-mailadres ouder/verzorger 2;Straat ouder/verzorger 2;"
        "Huisnummer ouder/verzorger 2;Postcode ouder/verzorger 2;Woonplaats ouder/verzorger 2\n"
        "Anna;Bakker;3;Els Bakker;Fam.Bakker@example.nl;Laan;1;1111 AA;Stad;Jan de Wit;fam.bakker@EXAMPLE.nl;"
        "Weg;2;2222 BB;Dorp\n",
    )
    (family,) = read_class_list(path).families
    assert [[parent.naam for parent in home.ouders] for home in family.huishoudens] == [["Els Bakker"], ["Jan de Wit"]]
    assert [str(home.adres) for home in family.huishoudens] == ["Laan 1, 1111 AA Stad", "Weg 2, 2222 BB Dorp"]


def test_the_same_parent_named_and_unnamed_with_one_email_is_still_one_parent(tmp_path: Path) -> None:
    # The rule above must not split a parent whose name one sibling's row leaves out.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1\n"
        "Anna;Bakker;3;Els Bakker;els@example.nl\nTim;Bakker;5;;ELS@example.nl\n",
    )
    (family,) = read_class_list(path).families
    assert [[parent.naam for parent in home.ouders] for home in family.huishoudens] == [["Els Bakker"]]


def test_a_third_address_warning_says_where_the_family_is(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Gezin;Naam ouder/verzorger 1;Postcode;Huisnummer;Naam ouder/verzorger 2;"
        "Postcode ouder/verzorger 2;Huisnummer ouder/verzorger 2\n"
        "Mila;Jansen;3;;;;;;;\n"
        "Anna;Bakker;3;77;Els Bakker;1111 AA;1;Jan Bakker;2222 BB;2\n"
        "Sam;Bakker;7;77;Karin Smit;4444 DD;4;Jan Bakker;2222 BB;2\n",
    )
    result = read_class_list(path)
    (warning,) = [w for w in result.warnings if "meer dan twee adressen" in w.message]
    # The rows of that family, not the header line.
    assert warning.line == 3
    assert "regels 3 en 4" in warning.message
    for secret in ("Karin", "Smit", "4444", "Bakker", "Els", "Jan"):
        assert secret not in warning.message


def test_one_parent_written_two_ways_at_one_address_with_one_email_is_one_parent(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1;Postcode;Huisnummer\n"
        "Anna;Bakker;3;Els Bakker;els@example.nl;1111 AA;1\nTim;Bakker;5;E. Bakker;ELS@example.nl;1111AA;1\n",
    )
    (family,) = read_class_list(path).families
    assert [[parent.naam for parent in home.ouders] for home in family.huishoudens] == [["Els Bakker"]]


@pytest.mark.parametrize("dummy", ["geen@geen.nl", "Onbekend@school.nl", "noreply@school.nl", "x@x.nl", "nvt@nvt.nl"])
def test_a_dummy_email_typed_where_there_is_none_joins_nobody(tmp_path: Path, dummy: str) -> None:
    # Administration systems that demand an e-mail address get a dummy one for parents without.
    path = write(
        tmp_path,
        f"Roepnaam;Achternaam;Groep;E-mailadres ouder/verzorger 1\nAnna;Bakker;3;{dummy}\nBram;Jansen;4;{dummy}\n",
    )
    result = read_class_list(path)
    assert family_names(result) == [["Anna Bakker"], ["Bram Jansen"]]


def test_one_parent_at_two_addresses_is_warned_about_with_rows_and_without_the_address(tmp_path: Path) -> None:
    # A parent moved; one sibling's record has the new address, the other's the old one.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;E-mailadres ouder/verzorger 1;Straat;Huisnummer;"
        "Postcode;Woonplaats\n"
        "Mila;Jansen;3;;;;;;\n"
        "Anna;Bakker;3;Els Bakker;els@example.nl;Laan;1;1111 AA;Stad\n"
        "Tim;Bakker;5;Els Bakker;els@example.nl;Nieuweweg;30;3333 CC;Stad\n",
    )
    result = read_class_list(path)
    (family,) = [family for family in result.families if len(family.leerlingen) == 2]
    assert len(family.huishoudens) == 1  # one parent, one household: the first address
    (warning,) = [w for w in result.warnings if "ander adres" in w.message]
    assert warning.line == 3 and "regels 3 en 4" in warning.message
    for secret in ("Els", "Bakker", "Laan", "Nieuweweg", "1111", "3333", "example"):
        assert secret not in warning.message


def test_an_address_written_with_less_is_no_move(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;E-mailadres ouder/verzorger 1;Straat;Huisnummer;Postcode\n"
        "Anna;Bakker;3;els@example.nl;Laan;1;1111 AA\nTim;Bakker;5;els@example.nl;Laan;;1111AA\n",
    )
    assert read_class_list(path).warnings == ()


def test_a_town_alone_in_the_second_parents_columns_is_no_second_household(tmp_path: Path) -> None:
    # Exports fill "Woonplaats ouder/verzorger 2" even when there is no parent 2.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Naam ouder/verzorger 1;Straat;Huisnummer;Postcode;Woonplaats;"
        "Naam ouder/verzorger 2;Woonplaats ouder/verzorger 2\n"
        "Anna;Bakker;3;Els Bakker;Laan;1;1111 AA;Stad;;Stad\n",
    )
    (family,) = read_class_list(path).families
    assert [str(home.adres) for home in family.huishoudens] == ["Laan 1, 1111 AA Stad"]


def test_two_addresses_in_one_email_cell_each_join_siblings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;E-mailadres ouder/verzorger 1\n"
        'Anna;Bakker;3;"els@example.nl, jan@example.nl"\nTim;de Wit;5;Jan@example.nl\nMila;Jansen;5;mila@example.nl\n',
    )
    assert family_names(read_class_list(path)) == [["Anna Bakker", "Tim de Wit"], ["Mila Jansen"]]
