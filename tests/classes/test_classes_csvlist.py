"""Tests for reading class-list exports (ParnasSys / ESIS / Excel CSV) from real files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gereedschapskist.classes import ClassListError, Pupil, SchoolClass, read_class_list
from gereedschapskist.classes.readers.csv import _decode
from gereedschapskist.errors import EXIT_USAGE, UserError

SAMPLE = Path(__file__).resolve().parents[2] / "agendas" / "klassenlijst-voorbeeld.csv"
BOM = b"\xef\xbb\xbf"
# Words that a Dutch sentence almost always has and an English one never does.
DUTCH_WORDS = {"de", "het", "een", "geen", "deze", "dit", "van", "op", "is", "heeft"}


def write(tmp_path: Path, content: str | bytes, name: str = "klassenlijst.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def by_name(classes: list[SchoolClass]) -> dict[str, SchoolClass]:
    return {school_class.naam: school_class for school_class in classes}


def names(school_class: SchoolClass) -> list[str]:
    return [pupil.naam for pupil in school_class.leerlingen]


def plain(pupils: tuple[Pupil, ...]) -> tuple[Pupil, ...]:
    """The pupils by their name parts only (each read pupil also has a `sleutel` and a family)."""
    return tuple(Pupil(p.roepnaam, p.tussenvoegsel, p.achternaam) for p in pupils)


def read_error(path: Path) -> ClassListError:
    with pytest.raises(ClassListError) as info:
        read_class_list(path)
    return info.value


def assert_kind_dutch_error(error: ClassListError, path: Path, line: int | None) -> None:
    assert isinstance(error, UserError)
    assert error.exit_code == EXIT_USAGE
    assert error.path == path
    assert error.line == line
    rendered = str(error)
    assert path.name in rendered
    if line is not None:
        assert f"{path}:{line}:" in rendered
    words = set(re.findall(r"[a-zë]+", error.message.lower()))
    assert words & DUTCH_WORDS, error.message
    assert "Traceback" not in rendered


# --- the sample export ----------------------------------------------------------


def test_sample_reads_to_six_classes_with_their_year_groups() -> None:
    classes = read_class_list(SAMPLE)
    assert [(c.naam, c.jaargroepen) for c in classes] == [
        ("1/2", frozenset({1, 2})),
        ("3", frozenset({3})),
        ("4/5", frozenset({4, 5})),
        ("6", frozenset({6})),
        ("7", frozenset({7})),
        ("8", frozenset({8})),
    ]
    assert [c.slug for c in classes] == ["groep-1-2", "groep-3", "groep-4-5", "groep-6", "groep-7", "groep-8"]
    assert all(6 <= len(c.leerlingen) <= 10 for c in classes)
    assert all(c.leerkracht.startswith(("Juf ", "Meester ")) for c in classes)


def test_sample_has_the_diacritics_and_scripts_the_renderer_must_handle() -> None:
    all_names = " ".join(pupil.naam for c in read_class_list(SAMPLE) for pupil in c.leerlingen)
    for needle in [
        "Zoë van der Berg",
        "Çelik",
        "Đorđević",
        "Nguyễn",
        "Ahmed",
        "أحمد Haddad",
        "Şahin",
        "Müller",
        "Bjørn",
        "Renée",
        "Chloé",
        "El Amrani",
        "Noah de Vries",
    ]:
        assert needle in all_names


def test_sample_is_semicolon_separated_utf8_with_bom() -> None:
    data = SAMPLE.read_bytes()
    assert data.startswith(BOM)
    header = data[len(BOM) :].decode("utf-8").splitlines()[0]
    assert header.startswith("Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht")


def test_sample_sorts_pupils_by_achternaam() -> None:
    groep_12 = by_name(read_class_list(SAMPLE))["1/2"]
    assert names(groep_12)[:2] == ["Finn Bakker", "Zoë van der Berg"]
    assert groep_12.leerlingen == tuple(sorted(groep_12.leerlingen, key=lambda p: p.sort_key))


def test_extra_columns_are_not_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;BSN;Geboortedatum;Groep\nZoë;Berg;123456782;14-03-2016;5a\n")
    classes = read_class_list(path)
    # The birth date is kept (to tell namesakes apart and to find a family's oldest child);
    # a BSN or any other column is not.
    assert set(Pupil.__dataclass_fields__) == {
        "roepnaam", "tussenvoegsel", "achternaam", "sleutel", "geboortedatum", "gezin", "jaargroep"
    }
    assert "123456782" not in repr(classes)


# --- encodings and separators ---------------------------------------------------


def test_semicolon_utf8_with_bom(tmp_path: Path) -> None:
    path = write(tmp_path, BOM + "Roepnaam;Tussenvoegsel;Achternaam;Groep\r\nZoë;van der;Berg;5a\r\n".encode())
    [groep] = read_class_list(path)
    # A BOM left in the text would make the first header "\ufeffRoepnaam" and unknown.
    assert plain(groep.leerlingen) == (Pupil("Zoë", "van der", "Berg"),)


def test_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    # Header matching ignores the BOM anyway, so check the decoded text directly.
    assert _decode(BOM + b"Roepnaam;Groep", tmp_path / "x.csv") == "Roepnaam;Groep"


def test_comma_utf8_without_bom(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam,Tussenvoegsel,Achternaam,Groep\nMilan,,Đorđević,4/5\nBảo,,Nguyễn,4/5\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Milan Đorđević", "Bảo Nguyễn"]
    assert groep.jaargroepen == frozenset({4, 5})


def test_tab_separated(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam\tAchternaam\tGroep\nElif\tÇelik\t6\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Elif Çelik"]


def test_windows_1252(tmp_path: Path) -> None:
    # "’" (Excel's autocorrected apostrophe) and "š" exist in Windows-1252 but not in
    # Latin-1, so this also fails if the fallback were ISO-8859-1.
    text = (
        "Roepnaam;Tussenvoegsel;Achternaam;Groep\r\n"
        "Zoë;;Berg;5a\r\nElif;;Çelik;5a\r\nJoris;’t;Hart;5a\r\nTomáš;;Novák;5a\r\n"
    )
    path = write(tmp_path, text.encode("cp1252"))
    [groep] = read_class_list(path)
    assert names(groep) == ["Zoë Berg", "Elif Çelik", "Joris ’t Hart", "Tomáš Novák"]


def test_utf16_unicode_text_from_excel(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam\tAchternaam\tGroep\r\nأحمد\tHaddad\t3\r\n".encode("utf-16"))
    [groep] = read_class_list(path)
    assert names(groep) == ["أحمد Haddad"]


def test_decomposed_accents_are_composed(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nZoe\u0308;Berg;5\n")
    [groep] = read_class_list(path)
    assert groep.leerlingen[0].roepnaam == "Zo\u00eb"


def test_separator_inside_quotes_does_not_decide(tmp_path: Path) -> None:
    path = write(tmp_path, 'Roepnaam,Achternaam,Groep,"Opmerking; intern; los"\nSem,Visser,3,"a; b"\n')
    [groep] = read_class_list(path)
    assert names(groep) == ["Sem Visser"]


def test_semicolon_wins_a_tie(tmp_path: Path) -> None:
    # Two ";" and two "," outside quotes: a Dutch Excel export uses ";".
    path = write(tmp_path, "Naam;Groep;Opmerking, intern, kort\nVisser, Sem;3;a, b\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Visser, Sem"]


def test_excel_sep_line_sets_the_separator(tmp_path: Path) -> None:
    path = write(tmp_path, "sep=,\nRoepnaam,Achternaam,Groep\nSem,Visser,3\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Sem Visser"]


def test_title_line_above_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "Leerlingenlijst 2025-2026\n\nRoepnaam;Achternaam;Groep\nSem;Visser;3\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Sem Visser"]


# --- header names ---------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    [
        "Roepnaam;Tussenvoegsel;Achternaam;Groep;Leerkracht",
        "Voornaam;Voorvoegsel;Geslachtsnaam;Klas;Groepsleerkracht",
        "Voornamen;Voorvoegsel(s);Familienaam;Groepsnaam;Leerkrachten",
        "ROEPNAAM; tussen voegsels ;ACHTERNAAM;Klasnaam;mentor",
        "roepnaam;Voorvoegsels;achter naam;groep;Leerkracht(en)",
        "Roepnaam leerling;Tussenvoegsel;Achternaam leerling;Groep;Leerkracht",
    ],
)
def test_header_synonyms_and_spellings(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, f"{header}\nZoë;van der;Berg;5a;Juf Anouk\n")
    [groep] = read_class_list(path)
    assert plain(groep.leerlingen) == (Pupil("Zoë", "van der", "Berg"),)
    assert groep.naam == "5a"
    assert groep.leerkracht == "Juf Anouk"


def test_roepnaam_preferred_over_voornamen(tmp_path: Path) -> None:
    path = write(tmp_path, "Voornamen;Roepnaam;Achternaam;Groep\nJohanna Maria;Jo;Smit;5\n")
    [groep] = read_class_list(path)
    assert groep.leerlingen[0].roepnaam == "Jo"


def test_single_naam_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Volledige naam;Groep\nZoë van der Berg;5a\nSem Visser;5a\n")
    [groep] = read_class_list(path)
    assert plain(groep.leerlingen) == (Pupil("Sem Visser", "", ""), Pupil("Zoë van der Berg", "", ""))


def test_whitespace_is_trimmed_and_collapsed(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Tussenvoegsel;Achternaam;Groep\n  Zoë ; van   der ;Berg\u00a0;  5a \n")
    [groep] = read_class_list(path)
    assert plain(groep.leerlingen) == (Pupil("Zoë", "van der", "Berg"),)
    assert groep.naam == "5a"


def test_blank_and_separator_only_lines_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, 'Roepnaam;Achternaam;Groep\n\nSem;Visser;3\n;;\n   \n"";;\nMila;Jansen;3\n;;\n')
    [groep] = read_class_list(path)
    assert names(groep) == ["Mila Jansen", "Sem Visser"]


def test_repeated_header_lines_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nSem;Visser;3\nRoepnaam;Achternaam;Groep\nMila;Jansen;4\n")
    assert [c.naam for c in read_class_list(path)] == ["3", "4"]


def test_trailing_separator_in_header_is_no_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;\nSem;Visser;3\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Sem Visser"]


# --- classes, year groups, teachers ---------------------------------------------


def test_combination_classes(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nA;Aa;Groep 1-2\nB;Bb;4/5\nC;Cc;6 t/m 8\nD;Dd;5a\n")
    classes = by_name(read_class_list(path))
    assert classes["Groep 1-2"].jaargroepen == frozenset({1, 2})
    assert classes["4/5"].jaargroepen == frozenset({4, 5})
    assert classes["6 t/m 8"].jaargroepen == frozenset({6, 7, 8})
    assert classes["5a"].jaargroepen == frozenset({5})


def test_leerjaar_column_wins_over_the_class_name(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Leerjaar\nA;Aa;De Egels;1\nB;Bb;De Egels;2\nC;Cc;4/5;5\nD;Dd;4/5;5\n",
    )
    classes = by_name(read_class_list(path))
    assert classes["De Egels"].jaargroepen == frozenset({1, 2})
    assert classes["4/5"].jaargroepen == frozenset({5})


def test_empty_leerjaar_falls_back_to_the_class_name(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Jaargroep\nA;Aa;4/5;\nB;Bb;4/5;\n")
    [groep] = read_class_list(path)
    assert groep.jaargroepen == frozenset({4, 5})


def test_classes_sorted_by_lowest_year_group_then_natural_name(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nA;A;8\nB;B;5B\nC;C;4/5\nD;D;5a\nE;E;Groep 1-2\nF;F;3\n")
    assert [c.naam for c in read_class_list(path)] == ["Groep 1-2", "3", "4/5", "5a", "5B", "8"]


def test_pupils_sorted_within_class(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Tussenvoegsel;Achternaam;Groep\nNoah;de;Vries;3\nZoë;van der;Berg;3\nElif;;Çelik;3\nFinn;;Bakker;3\n",
    )
    [groep] = read_class_list(path)
    assert names(groep) == ["Finn Bakker", "Zoë van der Berg", "Elif Çelik", "Noah de Vries"]


def test_slugs_are_unique_and_ascii(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nA;A;4/5\nB;B;4-5\nC;C;Groep 4/5\nD;D;Égels 6\nE;E;groep 5a\n")
    classes = read_class_list(path)
    slugs = [c.slug for c in classes]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"groep-[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs), slugs
    assert by_name(classes)["groep 5a"].slug == "groep-5a"
    assert by_name(classes)["Égels 6"].slug == "groep-egels-6"


def test_class_names_differing_only_in_case_are_one_class(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nA;Aa;Groep 5a\nB;Bb;groep 5A\n")
    [groep] = read_class_list(path)
    assert groep.naam == "Groep 5a"
    assert len(groep.leerlingen) == 2


def test_teachers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep;Leerkracht\n"
        "A;Aa;3;Juf Anouk\nB;Bb;3;Meester Yusuf\nC;Cc;3;juf anouk\n"
        "D;Dd;4;Juf Marieke\nE;Ee;4;\n"
        "F;Ff;5;\n",
    )
    classes = by_name(read_class_list(path))
    assert classes["3"].leerkracht == "Juf Anouk en Meester Yusuf"
    assert classes["4"].leerkracht == "Juf Marieke"
    assert classes["5"].leerkracht == ""


def test_without_teacher_column_leerkracht_is_empty(tmp_path: Path) -> None:
    [groep] = read_class_list(write(tmp_path, "Roepnaam;Achternaam;Groep\nA;Aa;3\n"))
    assert groep.leerkracht == ""


def test_repeated_pupil_rows_give_one_pupil(tmp_path: Path) -> None:
    # Exports "with verzorgers" have one row per parent.
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Verzorger\nSem;Visser;3;Moeder\nSem;Visser;3;Vader\n")
    [groep] = read_class_list(path)
    assert names(groep) == ["Sem Visser"]


def test_quoted_cell_over_two_lines_keeps_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path, 'Roepnaam;Achternaam;Groep;Opmerking\nSem;Visser;3;"twee\nregels"\n;;3;\n')
    error = read_error(path)
    assert error.line == 4


# --- errors ---------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "bestaat-niet.csv"
    error = read_error(path)
    assert_kind_dutch_error(error, path, None)
    assert "bestaat niet" in error.message


def test_directory_instead_of_file(tmp_path: Path) -> None:
    error = read_error(tmp_path)
    assert_kind_dutch_error(error, tmp_path, None)
    assert "map" in error.message


@pytest.mark.parametrize("content", [b"", BOM, b"\r\n\r\n  \n", b";;;\n;;;\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = write(tmp_path, content)
    error = read_error(path)
    assert_kind_dutch_error(error, path, None)
    assert "leeg" in error.message


def test_header_without_pupils(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\n\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 1)
    assert "geen leerlingen" in error.message


def test_no_name_column(tmp_path: Path) -> None:
    path = write(tmp_path, "\nLeerling-ID;Groep;Leerkracht\n1;3;Juf Anouk\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 2)
    for accepted in ("Roepnaam", "Achternaam", "Naam"):
        assert accepted in error.message


def test_no_class_column(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Leerkracht\nSem;Visser;Juf Anouk\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 1)
    assert "Groep" in error.message


def test_row_with_too_few_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Tussenvoegsel;Achternaam;Groep\nSem;;Visser;3\n\nZoë;Berg;5a\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 4)
    assert "Zoë" not in str(error)


def test_row_with_too_many_fields(tmp_path: Path) -> None:
    # An unquoted comma in a comma-separated file shifts every later column.
    path = write(tmp_path, 'Naam,Groep\n"Berg, Zoë van der",5a\nVisser, Sem,3\n')
    error = read_error(path)
    assert_kind_dutch_error(error, path, 3)
    assert "Sem" not in str(error)


def test_row_with_empty_name(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Tussenvoegsel;Achternaam;Groep\nSem;;Visser;3\n;van;;3\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 3)
    assert "zonder naam" in error.message


def test_row_with_empty_class(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 3)
    assert "Zoë" not in str(error)


def test_class_without_year_group_is_kept_without_year_groups(tmp_path: Path) -> None:
    # One "Taalklas" used to stop the whole school; now it is a class that an agenda may name.
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;Berg;Taalklas\nMila;Jansen;Taalklas\nLuuk;Smit;Groep 0\n",
    )
    classes = read_class_list(path)
    assert [(c.naam, c.jaargroepen) for c in classes] == [
        ("3", frozenset({3})),
        ("Groep 0", frozenset()),  # without a year group: last
        ("Taalklas", frozenset()),
    ]
    assert len(by_name(classes)["Taalklas"].leerlingen) == 2


def test_class_without_year_group_and_empty_leerjaar_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Leerjaar\nZoë;Berg;De Egels;\n")
    [groep] = read_class_list(path)
    assert groep.jaargroepen == frozenset()
    assert groep.slug == "groep-de-egels"


def test_leerjaar_outside_1_to_8(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Leerjaar\nSem;Visser;De Egels;2\nZoë;Berg;De Egels;9\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 3)


def test_excel_workbook_instead_of_csv(tmp_path: Path) -> None:
    path = write(tmp_path, b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40, name="klassenlijst.xlsx")
    error = read_error(path)
    assert_kind_dutch_error(error, path, None)
    assert "CSV" in error.message


def test_unreadable_characters(tmp_path: Path) -> None:
    # 0x81 is neither valid UTF-8 here nor defined in Windows-1252.
    path = write(tmp_path, b"Roepnaam;Achternaam;Groep\nZo\x81;Berg;5\n")
    error = read_error(path)
    # Decoding goes line by line, so the message can name the line.
    assert_kind_dutch_error(error, path, 2)


def test_csv_error_becomes_a_user_error(tmp_path: Path) -> None:
    # A cell beyond the csv module's field size limit raises csv.Error inside the reader.
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nSem;Visser;3\nZoë;" + "x" * 200_000 + ";3\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, 3)


@pytest.mark.parametrize(
    ("exception", "hint"),
    [(PermissionError(13, "Permission denied"), "toegang"), (OSError(5, "Input/output error"), "gelezen")],
)
def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exception: OSError, hint: str) -> None:
    # Simulated, because tests may run as root, who can read a chmod 000 file.
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nSem;Visser;3\n")

    def fail(self: Path, *args: object, **kwargs: object) -> bytes:
        raise exception

    monkeypatch.setattr(Path, "open", fail)
    error = read_error(path)
    assert_kind_dutch_error(error, path, None)
    assert hint in error.message


def test_namesakes_with_different_birth_dates_get_a_form_each(tmp_path: Path) -> None:
    path = tmp_path / "klassen.csv"
    path.write_text(
        "Roepnaam;Achternaam;Groep;Geboortedatum;Verzorger\n"
        "Daan;de Jong;5;01-02-2017;Moeder\n"
        "Daan;de Jong;5;01-02-2017;Vader\n"  # the same pupil, one row per parent
        "Daan;de Jong;5;14-11-2016;Moeder\n",  # a namesake
        encoding="utf-8",
    )
    [klass] = read_class_list(path)
    assert [p.naam for p in klass.leerlingen] == ["Daan de Jong", "Daan de Jong"]


@pytest.mark.parametrize("header", ["Leerlingnummer", "Leerlingnr", "LLnr", "Leerling ID"])
def test_namesakes_with_different_pupil_numbers_get_a_form_each(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, f"Roepnaam;Achternaam;Groep;{header}\nDaan;de Jong;5;101\nDaan;de Jong;5;102\n")
    [klass] = read_class_list(path)
    assert [p.naam for p in klass.leerlingen] == ["Daan de Jong", "Daan de Jong"]


def test_a_pipe_is_refused_instead_of_read_forever(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "klassen.csv"
    os.mkfifo(fifo)
    with pytest.raises(ClassListError, match="geen gewoon bestand"):
        read_class_list(fifo)


# --- what the reader did on its own: warnings -------------------------------------


def test_merged_rows_are_counted_with_their_line_numbers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "Roepnaam;Achternaam;Groep\n"
        "Sem;Visser;3\n"  # line 2
        "Zoë;Berg;3\n"  # line 3
        "Sem;Visser;3\n"  # line 4: repeats line 2
        "Zoë;Berg;4\n"  # line 5: another class, another pupil
        "Zoë;Berg;3\n",  # line 6: repeats line 3
    )
    classes = read_class_list(path)
    assert sum(len(c.leerlingen) for c in classes) == 3
    [warning] = classes.warnings
    assert warning.line == 4
    assert "2 regels" in warning.message
    assert "regel 4 (zelfde als regel 2)" in warning.message
    assert "regel 6 (zelfde als regel 3)" in warning.message
    assert "zelfde naam en groep" in warning.message
    assert "Leerlingnummer" in warning.message
    assert str(warning).startswith(f"{path}:4: ")
    for name in ("Sem", "Visser", "Zoë", "Berg"):
        assert name not in str(warning)


def test_many_merged_rows_are_summarised(tmp_path: Path) -> None:
    rows = "".join(f"Kind{i};Aa;3;Moeder\nKind{i};Aa;3;Vader\n" for i in range(30))
    classes = read_class_list(write(tmp_path, "Roepnaam;Achternaam;Groep;Verzorger\n" + rows))
    [warning] = classes.warnings
    assert warning.message.startswith("30 regels ")
    assert "nog 20" in warning.message
    assert len(warning.message) < 700


def test_merged_rows_with_a_pupil_number_say_so(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Leerlingnummer\nSem;Visser;3;17\nSem;Visser;3;17\n")
    [warning] = read_class_list(path).warnings
    assert "1 regel herhaalt" in warning.message
    assert "leerlingnummer" in warning.message
    assert "Leerlingnummer of Geboortedatum toe" not in warning.message


def test_a_list_without_repeats_has_no_warnings() -> None:
    assert read_class_list(SAMPLE).warnings == ()


@pytest.mark.parametrize(("first", "second"), [("3", "Groep 3"), ("8b", "Groep 8b"), ("groep 5", "Gr. 5")])
def test_two_spellings_of_one_class_are_one_class_with_a_warning(tmp_path: Path, first: str, second: str) -> None:
    path = write(tmp_path, f"Roepnaam;Achternaam;Groep\nSem;Visser;{first}\nZoë;Berg;{second}\nMila;Jansen;{first}\n")
    classes = read_class_list(path)
    [groep] = classes
    assert groep.naam == first
    assert len(groep.leerlingen) == 3
    [warning] = classes.warnings
    assert warning.line == 3
    assert f'"{first}" (regel 2) en "{second}" (regel 3) zijn één groep' in warning.message


def test_different_classes_stay_apart(tmp_path: Path) -> None:
    path = write(tmp_path, "Roepnaam;Achternaam;Groep\nA;Aa;4/5\nB;Bb;4-5\nC;Cc;8a\nD;Dd;8b\n")
    classes = read_class_list(path)
    assert sorted(c.naam for c in classes) == ["4-5", "4/5", "8a", "8b"]
    assert classes.warnings == ()


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path: Path, codec: str) -> None:
    text = "Roepnaam\tAchternaam\tGroep\r\nZoë\tÇelik\t3\r\nأحمد\tHaddad\t3\r\nĀdam\t一二\t3\r\n"
    [groep] = read_class_list(write(tmp_path, text.encode(codec)))
    assert names(groep) == ["Zoë Çelik", "أحمد Haddad", "Ādam 一二"]


def test_nul_bytes_that_are_no_utf16_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"Roepnaam;Achternaam;Groep\nSem;Visser;3\x00\x00\x00\n")
    error = read_error(path)
    assert_kind_dutch_error(error, path, None)
    assert "binaire" in error.message


def test_leerjaar_0_is_a_class_without_year_group(tmp_path: Path) -> None:
    # "Groep 0" (a pre-school group) exports with Leerjaar 0: no year group, not a broken list.
    path = write(tmp_path, "Roepnaam;Achternaam;Groep;Leerjaar\nSem;Visser;Groep 0;0\nZoë;Berg;3;3\n")
    classes = by_name(read_class_list(path))
    assert classes["Groep 0"].jaargroepen == frozenset()
    assert classes["3"].jaargroepen == frozenset({3})
