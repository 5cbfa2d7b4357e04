"""Review of issue 10 (namesakes): one pupil listed in two groups is never silent."""

from __future__ import annotations

from pathlib import Path

from gereedschapskist.classes import read_class_list


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "klassen.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_one_pupil_number_in_two_groups_is_warned_about_with_rows_and_without_the_name(tmp_path: Path) -> None:
    # An export with a row per group membership: the stamgroep and a plus class.
    path = write(
        tmp_path,
        "Leerlingnummer;Roepnaam;Achternaam;Groep;Geboortedatum\n"
        "4711;Anna;Bakker;3;01-02-2019\n"
        "4712;Bram;Jansen;3;03-04-2019\n"
        "4711;Anna;Bakker;Plusklas;01-02-2019\n",
    )
    result = read_class_list(path)
    # kmg cannot know which group the conversation belongs to: it keeps both ...
    assert sum(len(klass.leerlingen) for klass in result) == 3
    # ... and says so.
    (warning,) = [w for w in result.warnings if "regels 2 en 4" in w.message]
    assert warning.line == 2
    for secret in ("Anna", "Bakker", "4711", "2019"):
        assert secret not in warning.message


def test_the_same_name_and_birth_date_in_two_groups_is_warned_about_too(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Geboortedatum\nAnna;Bakker;3;01-02-2019\nAnna;Bakker;Taalklas;1-2-2019\n",
    )
    result = read_class_list(path)
    assert any("regels 2 en 3" in w.message for w in result.warnings)


def test_twins_and_namesakes_in_other_groups_are_no_such_case(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Leerlingnummer;Roepnaam;Achternaam;Groep;Geboortedatum\n"
        "1;Anna;Bakker;3;01-02-2019\n"
        "2;Tim;Bakker;3;01-02-2019\n"
        "3;Anna;Bakker;7;05-06-2015\n",
    )
    assert read_class_list(path).warnings == ()
