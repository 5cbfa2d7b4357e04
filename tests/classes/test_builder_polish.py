"""Class lists: a stray Leerjaar, "rij" for workbooks, formulas without a value and hidden rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gereedschapskist.classes import ClassListError, read_class_list
from gereedschapskist.cli import app

from .workbooks import Formula, Sheet, xlsx_bytes

AGENDAS = Path(__file__).resolve().parents[2] / "agendas"
NAMES = ("Anna", "Bas", "Cor", "Dirk", "Eva", "Bakker", "Smit", "Vos")


def csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "klassen.csv"
    path.write_text(text, encoding="utf-8")
    return path


def workbook(tmp_path: Path, *sheets: Sheet) -> Path:
    path = tmp_path / "klassen.xlsx"
    path.write_bytes(xlsx_bytes(*sheets))
    return path


def by_name(classes) -> dict:
    return {klass.naam: klass for klass in classes}


def messages(class_list) -> list[str]:
    return [warning.message for warning in class_list.warnings]


def no_names(text: str) -> None:
    for name in NAMES:
        assert name not in text


# --- 1: a Leerjaar outside the year groups that the class name gives ----------------------------


def test_a_stray_leerjaar_3_in_class_1_2_leaves_the_class_at_groep_1_and_2_and_is_warned_about(tmp_path: Path) -> None:
    path = csv(tmp_path, "Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;1/2;1\nBas;Smit;1/2;2\nDirk;Smit;1/2;3\n")
    class_list = read_class_list(path)
    [klass] = class_list
    assert klass.jaargroepen == {1, 2}
    # the pupil keeps the class's year groups: no own year group, so the agenda of all of 1/2
    assert {p.roepnaam: p.jaargroep for p in klass.leerlingen} == {"Anna": 1, "Bas": 2, "Dirk": None}
    [warning] = [w for w in class_list.warnings if "leerjaar" in w.message.casefold()]
    assert warning.line == 4
    assert "regel 4" in warning.message and '"3"' in warning.message and "1/2" in warning.message
    no_names(warning.message)


def test_the_pupil_with_a_stray_leerjaar_gets_the_agenda_of_the_whole_class_not_a_third_one(tmp_path: Path) -> None:
    # kmg build served "1/2" with the groep-3 agenda too (a third subfolder) for one pupil with Leerjaar 3.
    from gereedschapskist.agenda.load import load_agenda
    from gereedschapskist.serving import pupil_agenda

    path = csv(tmp_path, "Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;1/2;1\nBas;Smit;1/2;2\nDirk;Smit;1/2;3\n")
    [klass] = read_class_list(path)
    names = ("huisbezoek-groep-1.yaml", "kleuters-groep-1-2.yaml", "school-groep-3-8.yaml")
    huis, kleuters, school = (load_agenda(AGENDAS / name).agenda for name in names)
    chosen = {p.roepnaam: pupil_agenda(klass, p, [huis, kleuters, school]) for p in klass.leerlingen}
    assert chosen == {"Anna": huis, "Bas": kleuters, "Dirk": kleuters}


def test_a_stray_leerjaar_among_blank_cells_does_not_add_a_year_group(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;groep 4-5;\nBas;Smit;groep 4-5;\nCor;Vos;groep 4-5;7\n"
        "Dirk;Vos;groep 4-5;8\n",
    )
    class_list = read_class_list(path)
    [klass] = class_list
    assert klass.jaargroepen == {4, 5}
    [warning] = [w for w in class_list.warnings if "leerjaar" in w.message.casefold()]
    assert "regels 4 en 5" in warning.message


def test_a_class_name_without_year_groups_still_takes_them_from_the_leerjaar_column(tmp_path: Path) -> None:
    path = csv(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;Bijenkorf;1\nBas;Smit;Bijenkorf;2\nDirk;Vos;Bijenkorf;3\n",
    )
    class_list = read_class_list(path)
    assert by_name(class_list)["Bijenkorf"].jaargroepen == {1, 2, 3}
    assert not class_list.warnings


def test_when_no_pupil_fits_the_class_name_the_leerjaar_column_decides(tmp_path: Path) -> None:
    # A Jenaplan "Stamgroep 3" holds pupils of groep 4, 5 and 6: the name is no year group.
    path = csv(tmp_path, "Roepnaam;Achternaam;Groep;Leerjaar\nAnna;Smit;Stamgroep 3;4\nBas;Smit;Stamgroep 3;6\n")
    class_list = read_class_list(path)
    assert by_name(class_list)["Stamgroep 3"].jaargroepen == {4, 6}
    assert not class_list.warnings


def test_a_stray_leerjaar_in_a_workbook_names_the_row(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        Sheet(
            "Leerlingen",
            [
                ["Roepnaam", "Achternaam", "Groep", "Leerjaar"],
                ["Anna", "Smit", "1/2", 1],
                ["Bas", "Smit", "1/2", 2.0],
                ["Dirk", "Vos", "1/2", 3],
            ],
        ),  # fmt: skip
    )
    class_list = read_class_list(path)
    assert class_list[0].jaargroepen == {1, 2}
    [warning] = class_list.warnings
    assert "rij 4" in warning.message and "regel" not in warning.message


# --- 2: "rij" for a workbook, "regel" for CSV ----------------------------------------------------

HEADER = ["Roepnaam", "Achternaam", "Groep", "E-mailadres ouder/verzorger 1"]
ROWS = [
    ["Anna", "Smit", "3", "a@example.nl"],
    ["Bas", "Vos", "3", "b@example.nl"],
    ["Anna", "Smit", "3", "a@example.nl"],  # a repeat: merged
    ["Bas", "Vos", "3", "c@example.nl"],  # a namesake kmg cannot tell apart
    ["Cor", "Bakker", "Groep 3", ""],  # a second spelling of the class
]


def test_the_builders_warnings_about_a_workbook_say_rij_and_rijen(tmp_path: Path) -> None:
    class_list = read_class_list(workbook(tmp_path, Sheet("Blad1", [HEADER, *ROWS])))
    found = messages(class_list)
    assert len(found) == 3
    text = " ".join(found)
    assert "regel" not in text.replace("kopregel", "")
    assert "rij 4 (zelfde als rij 2)" in text
    assert "Op rijen 3 en 5" in text
    assert '"Groep 3" (rij 6)' in text
    no_names(text)


def test_the_same_warnings_about_a_csv_still_say_regel(tmp_path: Path) -> None:
    lines = [";".join(HEADER)] + [";".join(row) for row in ROWS]
    class_list = read_class_list(csv(tmp_path, "\n".join(lines) + "\n"))
    text = " ".join(messages(class_list))
    assert "regel 4 (zelfde als regel 2)" in text and "Op regels 3 en 5" in text
    assert not re.search(r"\brij(en)?\b", text)


def test_a_row_error_in_a_workbook_says_rij(tmp_path: Path) -> None:
    path = workbook(
        tmp_path, Sheet("Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Anna", "Smit", "3"], ["Bas", "Vos"]])
    )
    with pytest.raises(ClassListError) as info:
        read_class_list(path)
    assert info.value.line == 3
    assert "Op deze rij staat een leerling zonder groep" in info.value.message
    assert "regel" not in info.value.message


def test_kmg_klassen_on_a_workbook_puts_rij_before_each_warning(tmp_path: Path) -> None:
    path = workbook(tmp_path, Sheet("Blad1", [HEADER, *ROWS]))
    result = CliRunner().invoke(app, ["klassen", str(path)])
    assert result.exit_code == 0, result.output
    meldingen = result.output.split("Meldingen", 1)[1]
    assert "  - rij 4: " in meldingen and "regel" not in meldingen.replace("kopregel", "")


def test_kmg_klassen_on_the_sample_workbook_has_no_warnings() -> None:
    # The sample has a merged title, empty rows and a Leerjaar per pupil of 1/2: none of it is a warning.
    result = CliRunner().invoke(app, ["klassen", str(AGENDAS / "klassenlijst-voorbeeld.xlsx")])
    assert result.exit_code == 0, result.output
    assert "Geen meldingen." in result.output


# --- 3: a formula cell without a stored value ---------------------------------------------------


def test_a_group_cell_with_a_formula_without_a_value_says_so(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        Sheet(
            "Blad1", [["Roepnaam", "Achternaam", "Groep"], ["Anna", "Smit", "3"], ["Bas", "Vos", Formula("Blad2!A1")]]
        ),
    )
    with pytest.raises(ClassListError) as info:
        read_class_list(path)
    message = info.value.message
    assert info.value.line == 3
    assert "formule" in message and "de groep" in message and "opnieuw op" in message and "waarden" in message
    assert "zonder groep" not in message
    no_names(message)


def test_a_name_cell_with_a_formula_without_a_value_says_so(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        Sheet("Blad1", [["Naam", "Groep"], ["Anna Smit", "3"], [Formula('B2&" "&C2'), "3"]]),
    )
    with pytest.raises(ClassListError) as info:
        read_class_list(path)
    assert "formule" in info.value.message and "zonder naam" not in info.value.message


def test_formulas_without_a_value_in_other_columns_are_one_warning(tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        Sheet(
            "Blad1",
            [
                ["Roepnaam", "Achternaam", "Groep", "Leerjaar", "Opmerking"],
                ["Anna", "Smit", "1/2", Formula("VLOOKUP(A2,X!A:B,2)"), Formula("1+1")],
                ["Bas", "Vos", "1/2", Formula("VLOOKUP(A3,X!A:B,2)"), ""],
            ],
        ),
    )
    class_list = read_class_list(path)
    [warning] = class_list.warnings
    # the Opmerking column is not read: its formula does not matter
    assert "formule" in warning.message and "rijen 2 en 3" in warning.message and "Leerjaar" in warning.message
    assert "Opmerking" not in warning.message


# --- 4: hidden rows -----------------------------------------------------------------------------


def test_hidden_rows_are_read_and_named_in_one_note(tmp_path: Path) -> None:
    rows = [["Roepnaam", "Achternaam", "Groep"], ["Anna", "Smit", "3"], ["Bas", "Vos", "3"], ["Cor", "Bakker", "4"]]
    path = workbook(tmp_path, Sheet("Blad1", rows, hidden_rows=(3, 4)))
    class_list = read_class_list(path)
    assert sum(len(klass.leerlingen) for klass in class_list) == 3  # as Excel's "Opslaan als CSV" keeps them
    [warning] = class_list.warnings
    assert warning.line == 3
    assert "2 verborgen rijen" in warning.message and "rijen 3 en 4" in warning.message
    no_names(warning.message)


def test_a_hidden_empty_row_or_title_is_no_note(tmp_path: Path) -> None:
    rows = [["Leerlingen"], ["Roepnaam", "Achternaam", "Groep"], ["Anna", "Smit", "3"], [], ["Bas", "Vos", "3"]]
    path = workbook(tmp_path, Sheet("Blad1", rows, hidden_rows=(1, 4)))
    assert not read_class_list(path).warnings
