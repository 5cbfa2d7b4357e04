"""Review of issue 10 (headers): parent names in separate columns, as ParnasSys and MSI export them."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.classes import read_class_list, read_table
from gereedschapskist.classes.rows import recognise_header


def test_parent_first_and_last_name_columns_make_the_parents_name(tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep;Voornaam ouder/verzorger 1;Tussenvoegsel ouder/verzorger 1;"
        "Achternaam ouder/verzorger 1;Roepnaam ouder 2;Achternaam ouder 2;E-mailadres ouder/verzorger 2\n"
        "Sem;Visser;3;Anna;de;Wit;Piet;Visser;piet@example.nl\n",
        encoding="utf-8",
    )
    assert read_table(path).ignored_columns == ()
    (family,) = read_class_list(path).families
    (home,) = family.huishoudens
    assert [(parent.naam, parent.email) for parent in home.ouders] == [
        ("Anna de Wit", ""),
        ("Piet Visser", "piet@example.nl"),
    ]


def test_pupil_name_columns_stay_the_pupils() -> None:
    roles, ignored = recognise_header(["Voornaam", "Achternaam", "Groep", "Achternaam verzorger", "Roepnaam ouder"])
    assert roles["roepnaam"] == 0 and roles["achternaam"] == 1
    assert roles["ouder1_achternaam"] == 3 and roles["ouder1_voornaam"] == 4
    assert ignored == ()
